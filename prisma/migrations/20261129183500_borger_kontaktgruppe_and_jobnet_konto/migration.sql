-- AlterTable
ALTER TABLE "borger" ADD COLUMN     "kontaktgruppe" SMALLINT;

-- CreateTable
CREATE TABLE "jobnet_konto" (
    "cpr" CHAR(10) NOT NULL,
    "cvNummer" CHAR(8) NOT NULL,
    "brugernavn" VARCHAR(50),
    "passwordHash" VARCHAR(255),
    "passwordOprettet" TIMESTAMPTZ(3),
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "jobnet_konto_pkey" PRIMARY KEY ("cpr")
);

-- CreateIndex
CREATE UNIQUE INDEX "jobnet_konto_cvNummer_key" ON "jobnet_konto"("cvNummer");

-- CreateIndex
CREATE UNIQUE INDEX "jobnet_konto_brugernavn_key" ON "jobnet_konto"("brugernavn");

-- AddForeignKey
ALTER TABLE "jobnet_konto" ADD CONSTRAINT "jobnet_konto_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema cannot express: the CV number is 8 digits, a contact group is positive.
ALTER TABLE "jobnet_konto" ADD CONSTRAINT "jobnet_konto_cvNummer_format" CHECK ("cvNummer" ~ '^[0-9]{8}$');
ALTER TABLE "borger" ADD CONSTRAINT "borger_kontaktgruppe_positive" CHECK ("kontaktgruppe" > 0);
