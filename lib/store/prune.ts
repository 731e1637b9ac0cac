import { Prisma } from "../generated/prisma/client.ts";

/** Deletes a bin's captures beyond its newest `keep` (commit order), answering their ids. Both databases run it. */
export function deleteBeyond(binId: string, keep: number): Prisma.Sql {
  return Prisma.sql`DELETE FROM "Capture" WHERE "binId" = ${binId} AND "seq" <= (
    SELECT "seq" FROM "Capture" WHERE "binId" = ${binId} ORDER BY "seq" DESC LIMIT 1 OFFSET ${keep})
    RETURNING "id"`;
}
