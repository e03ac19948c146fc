-- AlterTable
ALTER TABLE "borger" ADD COLUMN     "antalJobagenter" INTEGER NOT NULL DEFAULT 0;

-- Backfill: every citizen's counter equals their number of job agents.
UPDATE "borger" AS b SET "antalJobagenter" = c.n
FROM (SELECT "cpr", count(*)::int AS n FROM "jobagent" GROUP BY "cpr") AS c
WHERE b."cpr" = c."cpr";

-- AlterTable
ALTER TABLE "jobagent" ADD COLUMN     "emailTokenHash" CHAR(64),
ADD COLUMN     "emailTokenUdloeber" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "mail_udbakke" (
    "id" UUID NOT NULL,
    "modtager" VARCHAR(255) NOT NULL,
    "emne" VARCHAR(200) NOT NULL,
    "tekst" TEXT NOT NULL,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sendt" TIMESTAMPTZ(3),

    CONSTRAINT "mail_udbakke_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "mail_udbakke_sendt_oprettet_idx" ON "mail_udbakke"("sendt", "oprettet");
