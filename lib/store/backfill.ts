import type { HeaderPairs } from "../schemas/common.ts";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { deliveryIdOf, sha256Hex } from "./delivery.ts";

/**
 * Captures stored before deliveries were tracked have an empty `bodySha256` (the migration's
 * default; no real hash is empty). SQL cannot hash bytes in SQLite or read provider ids from
 * bodies, so the app fills them in once, at start, before it serves anything.
 */

const CHUNK = 200;

export async function backfillCaptures(prisma: PrismaClient): Promise<number> {
  let total = 0;
  for (;;) {
    const rows = await prisma.capture.findMany({ where: { bodySha256: "" }, select: { id: true, headers: true, body: true }, take: CHUNK });
    if (rows.length === 0) break;
    await prisma.$transaction(
      rows.map((r) =>
        prisma.capture.update({
          where: { id: r.id },
          data: { bodySha256: sha256Hex(r.body), deliveryId: deliveryIdOf(r.headers as HeaderPairs, r.body) },
        }),
      ),
    );
    total += rows.length;
  }
  if (total === 0) return 0;
  // Each repeat points at its bin's earliest capture of that delivery; the earliest points at itself, then at nothing.
  await prisma.$executeRaw`UPDATE "Capture" SET "duplicateOf" = (SELECT f."id" FROM "Capture" f
    WHERE f."binId" = "Capture"."binId" AND f."deliveryId" = "Capture"."deliveryId" ORDER BY f."seq" LIMIT 1)
    WHERE "deliveryId" IS NOT NULL AND "duplicateOf" IS NULL`;
  await prisma.$executeRaw`UPDATE "Capture" SET "duplicateOf" = NULL WHERE "duplicateOf" = "id"`;
  return total;
}
