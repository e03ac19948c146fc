-- CreateTable
CREATE TABLE "tilmelding" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "klientkategori" SMALLINT NOT NULL,
    "ledighedsgrad" SMALLINT NOT NULL,
    "tilmeldingsdato" DATE NOT NULL,
    "haendelsesdato" DATE,
    "emailadresse" VARCHAR(255),
    "eksterntId" VARCHAR(255),
    "kilde" VARCHAR(20) NOT NULL,
    "jobnetFlag" BOOLEAN NOT NULL DEFAULT false,
    "afmeldingsdato" DATE,
    "afmeldingsaarsag" SMALLINT,
    "oprettet" TIMESTAMPTZ(3) NOT NULL,
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tilmelding_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tilmelding_haendelse" (
    "id" UUID NOT NULL,
    "nr" BIGSERIAL NOT NULL,
    "tilmeldingId" UUID NOT NULL,
    "haendelse" VARCHAR(40) NOT NULL,
    "aktoerRolle" VARCHAR(20) NOT NULL,
    "aktoerSubjekt" TEXT NOT NULL,
    "kildesystem" VARCHAR(20) NOT NULL,
    "aarsag" SMALLINT,
    "haendelsesdato" DATE NOT NULL,
    "registreret" TIMESTAMPTZ(3) NOT NULL,
    "beskedId" UUID NOT NULL,
    "detaljer" JSONB,

    CONSTRAINT "tilmelding_haendelse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "udlandsophold" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "fraDato" DATE NOT NULL,
    "tilDato" DATE,

    CONSTRAINT "udlandsophold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "midlertidig_udenlandsk_adresse" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "landekode" CHAR(2) NOT NULL,
    "fraDato" DATE NOT NULL,
    "tilDato" DATE NOT NULL,

    CONSTRAINT "midlertidig_udenlandsk_adresse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fravaer" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "fravaerstype" VARCHAR(30) NOT NULL,
    "startdato" DATE NOT NULL,
    "slutdato" DATE,

    CONSTRAINT "fravaer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "akasse_medlemskab" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "akasse" VARCHAR(100) NOT NULL,
    "forsikringskategori" SMALLINT NOT NULL,
    "fraDato" DATE NOT NULL,
    "tilDato" DATE,

    CONSTRAINT "akasse_medlemskab_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "tilmelding_cpr_tilmeldingsdato_idx" ON "tilmelding"("cpr", "tilmeldingsdato");

-- CreateIndex
CREATE INDEX "tilmelding_haendelse_tilmeldingId_registreret_idx" ON "tilmelding_haendelse"("tilmeldingId", "registreret");

-- CreateIndex
CREATE INDEX "udlandsophold_cpr_idx" ON "udlandsophold"("cpr");

-- CreateIndex
CREATE INDEX "midlertidig_udenlandsk_adresse_cpr_idx" ON "midlertidig_udenlandsk_adresse"("cpr");

-- CreateIndex
CREATE INDEX "fravaer_cpr_idx" ON "fravaer"("cpr");

-- CreateIndex
CREATE INDEX "akasse_medlemskab_cpr_idx" ON "akasse_medlemskab"("cpr");

-- AddForeignKey
ALTER TABLE "tilmelding" ADD CONSTRAINT "tilmelding_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tilmelding_haendelse" ADD CONSTRAINT "tilmelding_haendelse_tilmeldingId_fkey" FOREIGN KEY ("tilmeldingId") REFERENCES "tilmelding"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "udlandsophold" ADD CONSTRAINT "udlandsophold_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "midlertidig_udenlandsk_adresse" ADD CONSTRAINT "midlertidig_udenlandsk_adresse_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fravaer" ADD CONSTRAINT "fravaer_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "akasse_medlemskab" ADD CONSTRAINT "akasse_medlemskab_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema cannot express (docs/tilmelding.md).
-- At most ONE open-ended enrollment period per citizen: two concurrent Tilmelding requests cannot
-- both insert one (the second's INSERT ... ON CONFLICT DO NOTHING waits and then inserts nothing: 4316).
CREATE UNIQUE INDEX "tilmelding_en_aaben_pr_borger" ON "tilmelding"("cpr") WHERE "afmeldingsdato" IS NULL;
-- A period ends on or after its start; a de-registration has a reason and a reason a date.
ALTER TABLE "tilmelding" ADD CONSTRAINT "tilmelding_periode" CHECK ("afmeldingsdato" IS NULL OR "afmeldingsdato" >= "tilmeldingsdato");
ALTER TABLE "tilmelding" ADD CONSTRAINT "tilmelding_afmelding_med_aarsag" CHECK (("afmeldingsdato" IS NULL) = ("afmeldingsaarsag" IS NULL));
-- Only a Jobnet enrollment carries the JobnetFlag.
ALTER TABLE "tilmelding" ADD CONSTRAINT "tilmelding_jobnetflag_kun_fra_jobnet" CHECK (NOT "jobnetFlag" OR "kilde" = 'Jobnet');
ALTER TABLE "tilmelding" ADD CONSTRAINT "tilmelding_kilde" CHECK ("kilde" IN ('Jobnet', 'Jobcenter', 'A-kasse', 'System'));
ALTER TABLE "tilmelding_haendelse" ADD CONSTRAINT "tilmelding_haendelse_type" CHECK ("haendelse" IN
  ('Tilmeldt', 'Afmeldt', 'FremtidigAfmeldingRegistreret', 'FremtidigAfmeldingFjernet', 'JobnetFlagFjernet'));
-- Person facts: periods are well-formed; a temporary foreign address is foreign (4406), ends after
-- it starts (4401) and lasts at most 90 days (4376).
ALTER TABLE "udlandsophold" ADD CONSTRAINT "udlandsophold_periode" CHECK ("tilDato" IS NULL OR "tilDato" >= "fraDato");
ALTER TABLE "midlertidig_udenlandsk_adresse" ADD CONSTRAINT "midlertidig_udenlandsk_adresse_land" CHECK ("landekode" ~ '^[A-Z]{2}$' AND "landekode" <> 'DK');
ALTER TABLE "midlertidig_udenlandsk_adresse" ADD CONSTRAINT "midlertidig_udenlandsk_adresse_periode" CHECK ("tilDato" > "fraDato" AND "tilDato" - "fraDato" <= 90);
ALTER TABLE "fravaer" ADD CONSTRAINT "fravaer_periode" CHECK ("slutdato" IS NULL OR "slutdato" >= "startdato");
ALTER TABLE "akasse_medlemskab" ADD CONSTRAINT "akasse_medlemskab_periode" CHECK ("tilDato" IS NULL OR "tilDato" >= "fraDato");
