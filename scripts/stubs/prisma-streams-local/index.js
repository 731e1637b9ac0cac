// Only `prisma dev` (Prisma's local development database) imports this; Hookjar does not use it.
export async function startLocalDurableStreamsServer() {
  throw new Error("prisma dev is not available in Hookjar's install (see package.json overrides)");
}
