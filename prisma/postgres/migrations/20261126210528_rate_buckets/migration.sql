-- CreateTable
CREATE TABLE "RateBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "at" DOUBLE PRECISION NOT NULL,
    "granted" BOOLEAN NOT NULL,

    CONSTRAINT "RateBucket_pkey" PRIMARY KEY ("key")
);
