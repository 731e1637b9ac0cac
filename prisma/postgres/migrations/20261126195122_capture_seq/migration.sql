-- DropIndex
DROP INDEX "Capture_binId_id_idx";

-- AlterTable (hand-edited: existing captures take their commit order from their ids)
ALTER TABLE "Capture" ADD COLUMN     "seq" BIGINT;
UPDATE "Capture" SET "seq" = numbered.n FROM (SELECT "id", ROW_NUMBER() OVER (ORDER BY "id") AS n FROM "Capture") AS numbered WHERE "Capture"."id" = numbered."id";
ALTER TABLE "Capture" ALTER COLUMN "seq" SET NOT NULL;

-- CreateTable
CREATE TABLE "Counter" (
    "name" TEXT NOT NULL,
    "value" BIGINT NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("name")
);

-- CreateIndex
CREATE UNIQUE INDEX "Capture_seq_key" ON "Capture"("seq");

-- CreateIndex
CREATE INDEX "Capture_binId_seq_idx" ON "Capture"("binId", "seq");

INSERT INTO "Counter" ("name", "value") SELECT 'capture', COALESCE(MAX("seq"), 0) FROM "Capture";
