-- CreateTable
CREATE TABLE "cv_stamdata" (
    "cpr" CHAR(10) NOT NULL,
    "kommunekode" CHAR(3) NOT NULL,
    "kommunenavn" VARCHAR(100) NOT NULL,
    "akasse" VARCHAR(10),
    "ydelsesgruppe" VARCHAR(30),
    "landekode" CHAR(2) NOT NULL DEFAULT 'DK',
    "adresselinje" VARCHAR(100),
    "postnummer" VARCHAR(15),
    "postdistrikt" VARCHAR(50),
    "coAdresse" VARCHAR(75),

    CONSTRAINT "cv_stamdata_pkey" PRIMARY KEY ("cpr")
);

-- CreateTable
CREATE TABLE "cv" (
    "cpr" CHAR(10) NOT NULL,
    "tilstand" VARCHAR(12) NOT NULL DEFAULT 'Aktiv',
    "status" SMALLINT NOT NULL DEFAULT 1,
    "kommentar" VARCHAR(400),
    "soegbar" BOOLEAN NOT NULL DEFAULT true,
    "versionId" UUID NOT NULL,
    "oprettet" TIMESTAMPTZ(3) NOT NULL,
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cv_pkey" PRIMARY KEY ("cpr")
);

-- CreateTable
CREATE TABLE "cv_version" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "aarsag" VARCHAR(10) NOT NULL,
    "status" SMALLINT,
    "kommentar" VARCHAR(400),
    "tidspunkt" TIMESTAMPTZ(3) NOT NULL,
    "dokument" JSONB NOT NULL,
    "stillinger" INTEGER[],
    "uddannelsesniveauer" TEXT[],
    "sprog" TEXT[],
    "koerekort" TEXT[],
    "postnummer" VARCHAR(15),
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cv_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cv_haendelse" (
    "id" BIGSERIAL NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "cvNummer" CHAR(8) NOT NULL,
    "type" VARCHAR(12) NOT NULL,
    "operation" VARCHAR(6) NOT NULL,
    "element" VARCHAR(40),
    "noegle" VARCHAR(300),
    "versionId" UUID,
    "tidspunkt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cv_haendelse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cv_adgangslog" (
    "id" BIGSERIAL NOT NULL,
    "tidspunkt" TIMESTAMPTZ(3) NOT NULL,
    "subjekt" VARCHAR(255) NOT NULL,
    "rolle" VARCHAR(20) NOT NULL,
    "organisation" VARCHAR(20),
    "cpr" CHAR(10),
    "cvNummer" CHAR(8),
    "operation" VARCHAR(50) NOT NULL,
    "tilladt" BOOLEAN NOT NULL,
    "fejlkode" INTEGER,
    "httpStatus" SMALLINT NOT NULL,

    CONSTRAINT "cv_adgangslog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cv_versionId_key" ON "cv"("versionId");

-- CreateIndex
CREATE INDEX "cv_version_cpr_tidspunkt_idx" ON "cv_version"("cpr", "tidspunkt");

-- CreateIndex
CREATE INDEX "cv_version_stillinger_idx" ON "cv_version" USING GIN ("stillinger");

-- CreateIndex
CREATE INDEX "cv_version_uddannelsesniveauer_idx" ON "cv_version" USING GIN ("uddannelsesniveauer");

-- CreateIndex
CREATE INDEX "cv_version_sprog_idx" ON "cv_version" USING GIN ("sprog");

-- CreateIndex
CREATE INDEX "cv_version_koerekort_idx" ON "cv_version" USING GIN ("koerekort");

-- CreateIndex
CREATE INDEX "cv_version_postnummer_idx" ON "cv_version"("postnummer");

-- CreateIndex
CREATE INDEX "cv_version_opdateret_idx" ON "cv_version"("opdateret");

-- CreateIndex
CREATE INDEX "cv_haendelse_tidspunkt_id_idx" ON "cv_haendelse"("tidspunkt", "id");

-- CreateIndex
CREATE INDEX "cv_haendelse_cpr_tidspunkt_idx" ON "cv_haendelse"("cpr", "tidspunkt");

-- CreateIndex
CREATE INDEX "cv_adgangslog_cpr_tidspunkt_idx" ON "cv_adgangslog"("cpr", "tidspunkt");

-- CreateIndex
CREATE INDEX "cv_adgangslog_tidspunkt_idx" ON "cv_adgangslog"("tidspunkt");

-- AddForeignKey
ALTER TABLE "cv_stamdata" ADD CONSTRAINT "cv_stamdata_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cv" ADD CONSTRAINT "cv_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "jobnet_konto"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cv_version" ADD CONSTRAINT "cv_version_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "cv"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (docs/migrations.md): the CV rules the database holds.
ALTER TABLE "cv" ADD CONSTRAINT "cv_tilstand_check" CHECK ("tilstand" IN ('Aktiv', 'Arkiveret', 'Deaktiveret', 'Laast'));
ALTER TABLE "cv" ADD CONSTRAINT "cv_status_check" CHECK ("status" IN (1, 2, 3, 5));
ALTER TABLE "cv_version" ADD CONSTRAINT "cv_version_aarsag_check" CHECK (
  ("aarsag" = 'ReplaceCV' AND "status" IS NULL) OR ("aarsag" = 'Status' AND "status" IN (2, 3, 5)));
ALTER TABLE "cv_haendelse" ADD CONSTRAINT "cv_haendelse_type_check" CHECK ("type" IN ('Status', 'Soegbarhed', 'Element'));
ALTER TABLE "cv_haendelse" ADD CONSTRAINT "cv_haendelse_operation_check" CHECK ("operation" IN ('Create', 'Update', 'Delete'));
ALTER TABLE "cv_stamdata" ADD CONSTRAINT "cv_stamdata_ydelsesgruppe_check"
  CHECK ("ydelsesgruppe" IN ('Dagpenge', 'Kontanthjaelp', 'Uddannelseshjaelp', 'Integrationsprogram', 'Andet'));

-- A version is an immutable snapshot: no UPDATE, ever (deleting the CV deletes its versions).
CREATE FUNCTION "cv_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cv_version rows are immutable snapshots' USING ERRCODE = 'restrict_violation';
END $$;
CREATE TRIGGER "cv_version_no_update" BEFORE UPDATE ON "cv_version" FOR EACH ROW EXECUTE FUNCTION "cv_version_immutable"();
