-- CreateTable
CREATE TABLE "kontaktgruppe" (
    "kode" SMALLINT NOT NULL,
    "navn" VARCHAR(120) NOT NULL,
    "kunIntern" BOOLEAN NOT NULL DEFAULT false,
    "minAlder" SMALLINT,
    "maxAlder" SMALLINT,
    "akasseMaaRegistrereCvStatus" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "kontaktgruppe_pkey" PRIMARY KEY ("kode")
);

-- CreateTable
CREATE TABLE "klientkategori" (
    "kode" SMALLINT NOT NULL,
    "navn" VARCHAR(120) NOT NULL,
    "kunIntern" BOOLEAN NOT NULL DEFAULT false,
    "kanTilmeldes" BOOLEAN NOT NULL,
    "kraeverStillingsbetegnelse" BOOLEAN NOT NULL,
    "kontanthjaelpskategori" BOOLEAN NOT NULL,
    "udenYdelse" BOOLEAN NOT NULL,
    "kraeverAkasse" BOOLEAN NOT NULL,
    "kontaktgruppe" SMALLINT NOT NULL,
    "tilladteLedighedsgrader" INTEGER[],

    CONSTRAINT "klientkategori_pkey" PRIMARY KEY ("kode")
);

-- CreateTable
CREATE TABLE "ledighedsgrad" (
    "kode" SMALLINT NOT NULL,
    "navn" VARCHAR(120) NOT NULL,
    "kunIntern" BOOLEAN NOT NULL DEFAULT false,
    "ikkeLedig" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ledighedsgrad_pkey" PRIMARY KEY ("kode")
);

-- CreateTable
CREATE TABLE "afmeldingsaarsag" (
    "kode" SMALLINT NOT NULL,
    "navn" VARCHAR(120) NOT NULL,
    "kunIntern" BOOLEAN NOT NULL DEFAULT false,
    "maxDageFrem" SMALLINT NOT NULL,
    "kunAkasse" BOOLEAN NOT NULL DEFAULT false,
    "ikkeAkasse" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "afmeldingsaarsag_pkey" PRIMARY KEY ("kode")
);

-- CreateTable
CREATE TABLE "forsikringskategori" (
    "kode" SMALLINT NOT NULL,
    "navn" VARCHAR(120) NOT NULL,
    "kunIntern" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "forsikringskategori_pkey" PRIMARY KEY ("kode")
);

-- CreateTable
CREATE TABLE "stillingsbetegnelse" (
    "conceptUriDa" VARCHAR(255) NOT NULL,
    "navn" VARCHAR(200) NOT NULL,
    "discoKode" CHAR(4) NOT NULL,
    "gyldigFra" DATE NOT NULL,
    "gyldigTil" DATE,

    CONSTRAINT "stillingsbetegnelse_pkey" PRIMARY KEY ("conceptUriDa")
);

-- CreateTable
CREATE TABLE "stillingsbetegnelse_alias" (
    "aliasIdentifier" UUID NOT NULL,
    "conceptUriDa" VARCHAR(255) NOT NULL,
    "navn" VARCHAR(200) NOT NULL,

    CONSTRAINT "stillingsbetegnelse_alias_pkey" PRIMARY KEY ("aliasIdentifier")
);

-- CreateTable
CREATE TABLE "joboenske" (
    "cpr" CHAR(10) NOT NULL,
    "conceptUriDa" VARCHAR(255) NOT NULL,
    "aliasIdentifier" UUID,
    "harUddannelse" BOOLEAN NOT NULL,
    "aarSidstBrugt" SMALLINT,
    "maanederMedErfaring" INTEGER,
    "jobTargetIdentifier" UUID NOT NULL,
    "position" SMALLINT NOT NULL,
    "opdateret" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "joboenske_pkey" PRIMARY KEY ("cpr","conceptUriDa")
);

-- CreateIndex
CREATE INDEX "stillingsbetegnelse_alias_conceptUriDa_idx" ON "stillingsbetegnelse_alias"("conceptUriDa");

-- AddForeignKey
ALTER TABLE "klientkategori" ADD CONSTRAINT "klientkategori_kontaktgruppe_fkey" FOREIGN KEY ("kontaktgruppe") REFERENCES "kontaktgruppe"("kode") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stillingsbetegnelse_alias" ADD CONSTRAINT "stillingsbetegnelse_alias_conceptUriDa_fkey" FOREIGN KEY ("conceptUriDa") REFERENCES "stillingsbetegnelse"("conceptUriDa") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "joboenske" ADD CONSTRAINT "joboenske_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "joboenske" ADD CONSTRAINT "joboenske_conceptUriDa_fkey" FOREIGN KEY ("conceptUriDa") REFERENCES "stillingsbetegnelse"("conceptUriDa") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Hand-written constraints (docs/migrations.md): impossible values are unrepresentable.
ALTER TABLE "kontaktgruppe" ADD CONSTRAINT "kontaktgruppe_alder_check"
  CHECK ("minAlder" IS NULL OR "maxAlder" IS NULL OR "minAlder" <= "maxAlder");
ALTER TABLE "afmeldingsaarsag" ADD CONSTRAINT "afmeldingsaarsag_check"
  CHECK ("maxDageFrem" BETWEEN 0 AND 60 AND NOT ("kunAkasse" AND "ikkeAkasse"));
ALTER TABLE "stillingsbetegnelse" ADD CONSTRAINT "stillingsbetegnelse_gyldighed_check"
  CHECK ("gyldigTil" IS NULL OR "gyldigTil" >= "gyldigFra");
ALTER TABLE "stillingsbetegnelse" ADD CONSTRAINT "stillingsbetegnelse_disco_check"
  CHECK ("discoKode" ~ '^[0-9]{4}$');
ALTER TABLE "joboenske" ADD CONSTRAINT "joboenske_tal_check"
  CHECK (("aarSidstBrugt" IS NULL OR "aarSidstBrugt" >= 1900)
     AND ("maanederMedErfaring" IS NULL OR "maanederMedErfaring" >= 0)
     AND position >= 0);
