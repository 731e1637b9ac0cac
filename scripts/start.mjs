// `npm start`: serve the production build, building it first only when it is missing or the sources
// changed since. A busy port is found before any build, so a second `npm start` never rebuilds
// under a running instance.
import { createServer } from "node:net";
import { build, buildIsCurrent, SERVER } from "./build.mjs";

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";

function portIsFree() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error) => (error.code === "EADDRINUSE" ? resolve(false) : reject(error)));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

if (Number.isInteger(port) && port > 0 && !(await portIsFree().catch(() => true))) {
  console.error(`Hookjar cannot start: port ${port} on ${host} is already in use (another Hookjar, or another program). Stop it or set PORT.`);
  process.exit(1);
}

if (!buildIsCurrent()) {
  console.log("Building Hookjar (the sources changed since the last build, or there is none)…");
  await build().catch((error) => {
    console.error(`Hookjar cannot start: the build failed (${error.message}).`);
    process.exit(1);
  });
}

process.env.NODE_ENV = "production";
await import(SERVER);
