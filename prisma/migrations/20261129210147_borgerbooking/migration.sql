-- CreateTable
CREATE TABLE "booking_sagsbehandler" (
    "id" SERIAL NOT NULL,
    "eksterntId" VARCHAR(255) NOT NULL,
    "fornavne" VARCHAR(50) NOT NULL,
    "mellemnavn" VARCHAR(40),
    "efternavn" VARCHAR(40) NOT NULL,
    "telefonnummer" VARCHAR(21),
    "email" VARCHAR(255),
    "kommunekode" CHAR(3) NOT NULL,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_sagsbehandler_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moedetilbud" (
    "id" UUID NOT NULL,
    "kommunekode" CHAR(3) NOT NULL,
    "samtaleType" SMALLINT NOT NULL,
    "moedeGruppeType" SMALLINT NOT NULL,
    "samtaleformer" SMALLINT[],
    "lokationsuddybning" VARCHAR(200),
    "vejnavn" VARCHAR(40),
    "husnummer" VARCHAR(4),
    "etage" VARCHAR(2),
    "sideDoer" VARCHAR(4),
    "postnummer" CHAR(4),
    "bynavn" VARCHAR(20),
    "landekode" VARCHAR(4),
    "moedeVarighed" INTEGER NOT NULL,
    "foersteMoedetid" TIMESTAMPTZ(3),
    "sidsteMoedetid" TIMESTAMPTZ(3),
    "selvbookingTilladt" BOOLEAN NOT NULL DEFAULT true,
    "borgerKanVaelgeSagsbehandler" BOOLEAN NOT NULL,
    "straksbooking" BOOLEAN NOT NULL DEFAULT false,
    "moedetitel" VARCHAR(100) NOT NULL,
    "moedebeskrivelse" VARCHAR(500),
    "obligatoriskFremmoede" BOOLEAN NOT NULL DEFAULT true,
    "ombookingFristMinutter" INTEGER,
    "aflysningFristMinutter" INTEGER,
    "aktiv" BOOLEAN NOT NULL DEFAULT true,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opdateret" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moedetilbud_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moedetilbud_sagsbehandler" (
    "moedetilbudId" UUID NOT NULL,
    "sagsbehandlerId" INTEGER NOT NULL,

    CONSTRAINT "moedetilbud_sagsbehandler_pkey" PRIMARY KEY ("moedetilbudId","sagsbehandlerId")
);

-- CreateTable
CREATE TABLE "moedetid" (
    "id" UUID NOT NULL,
    "moedetilbudId" UUID NOT NULL,
    "starttidspunkt" TIMESTAMPTZ(3) NOT NULL,
    "pladser" INTEGER NOT NULL,
    "optagnePladser" INTEGER NOT NULL DEFAULT 0,
    "samtaleformer" SMALLINT[],
    "ombookingMulig" BOOLEAN NOT NULL DEFAULT true,
    "aflysningMulig" BOOLEAN NOT NULL DEFAULT true,
    "aktiv" BOOLEAN NOT NULL DEFAULT true,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "moedetid_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moedetid_sagsbehandler" (
    "moedetidId" UUID NOT NULL,
    "moedetilbudId" UUID NOT NULL,
    "sagsbehandlerId" INTEGER NOT NULL,

    CONSTRAINT "moedetid_sagsbehandler_pkey" PRIMARY KEY ("moedetidId","sagsbehandlerId")
);

-- CreateTable
CREATE TABLE "booking_frist" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "friststatusType" SMALLINT NOT NULL,
    "samtaleType" SMALLINT NOT NULL,
    "fristdato" DATE NOT NULL,
    "sidsteAfholdelsesdato" DATE NOT NULL,
    "straksbooking" BOOLEAN NOT NULL DEFAULT false,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opdateret" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "booking_frist_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "indkaldelse" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "moedetilbudId" UUID,
    "moedetidId" UUID,
    "oprindelse" VARCHAR(20) NOT NULL,
    "status" VARCHAR(20) NOT NULL DEFAULT 'Aktiv',
    "organisationKode" INTEGER NOT NULL,
    "organisationType" SMALLINT NOT NULL,
    "borgerSkalAcceptere" BOOLEAN NOT NULL,
    "accepteret" BOOLEAN NOT NULL DEFAULT false,
    "accepteretTidspunkt" TIMESTAMPTZ(3),
    "ombookingMulig" BOOLEAN NOT NULL,
    "ombookingFrist" TIMESTAMPTZ(3),
    "aflysningMulig" BOOLEAN NOT NULL,
    "aflysningFrist" TIMESTAMPTZ(3),
    "selvbooket" BOOLEAN NOT NULL,
    "straksbooking" BOOLEAN NOT NULL DEFAULT false,
    "obligatoriskFremmoede" BOOLEAN NOT NULL,
    "starttidspunkt" TIMESTAMPTZ(3) NOT NULL,
    "sluttidspunkt" TIMESTAMPTZ(3),
    "samtaleType" SMALLINT NOT NULL,
    "moedeGruppeType" SMALLINT NOT NULL,
    "samtaleform" SMALLINT NOT NULL,
    "moedetitel" VARCHAR(100) NOT NULL,
    "moedebeskrivelse" VARCHAR(500),
    "referencesamtale" BOOLEAN NOT NULL DEFAULT false,
    "sagsbehandlerId" INTEGER NOT NULL,
    "visSagsbehandler" BOOLEAN NOT NULL DEFAULT true,
    "lokationsuddybning" VARCHAR(200),
    "bygningsnavn" VARCHAR(34),
    "vejnavn" VARCHAR(40),
    "vejnavnForkortet" VARCHAR(20),
    "husnummer" VARCHAR(4),
    "etage" VARCHAR(2),
    "sideDoer" VARCHAR(4),
    "omraade" VARCHAR(34),
    "postboks" INTEGER,
    "postnummer" CHAR(4),
    "bynavn" VARCHAR(20),
    "landekode" VARCHAR(4),
    "digitalKontakt" VARCHAR(255),
    "telefonnummer" VARCHAR(21),
    "borgerSkalRinge" BOOLEAN,
    "akasseDeltager" BOOLEAN,
    "flereMyndigheder" BOOLEAN,
    "deltagere" JSONB,
    "oprettet" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "opdateret" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "aflystTidspunkt" TIMESTAMPTZ(3),

    CONSTRAINT "indkaldelse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "moedetid_hold" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "moedetidId" UUID NOT NULL,
    "indkaldelseId" UUID,
    "samtaleform" SMALLINT,
    "sagsbehandlerId" INTEGER,
    "status" VARCHAR(20) NOT NULL DEFAULT 'Aktiv',
    "oprettet" TIMESTAMPTZ(3) NOT NULL,
    "udloeber" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "moedetid_hold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fejlmelding" (
    "id" UUID NOT NULL,
    "cpr" CHAR(10) NOT NULL,
    "moedetilbudId" UUID,
    "indkaldelseId" UUID,
    "fejlkode" INTEGER NOT NULL,
    "fejltekst" VARCHAR(500),
    "fejlOphav" SMALLINT NOT NULL,
    "fejlTidspunkt" TIMESTAMPTZ(3) NOT NULL,
    "modtaget" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "fejlmelding_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "booking_sagsbehandler_eksterntId_key" ON "booking_sagsbehandler"("eksterntId");

-- CreateIndex
CREATE INDEX "moedetilbud_aktiv_samtaleType_idx" ON "moedetilbud"("aktiv", "samtaleType");

-- CreateIndex
CREATE INDEX "moedetilbud_sagsbehandler_sagsbehandlerId_idx" ON "moedetilbud_sagsbehandler"("sagsbehandlerId");

-- CreateIndex
CREATE INDEX "moedetid_moedetilbudId_aktiv_starttidspunkt_idx" ON "moedetid"("moedetilbudId", "aktiv", "starttidspunkt");

-- CreateIndex
CREATE UNIQUE INDEX "moedetid_moedetilbudId_starttidspunkt_key" ON "moedetid"("moedetilbudId", "starttidspunkt");

-- CreateIndex
CREATE UNIQUE INDEX "moedetid_id_moedetilbudId_key" ON "moedetid"("id", "moedetilbudId");

-- CreateIndex
CREATE INDEX "moedetid_sagsbehandler_moedetilbudId_sagsbehandlerId_idx" ON "moedetid_sagsbehandler"("moedetilbudId", "sagsbehandlerId");

-- CreateIndex
CREATE UNIQUE INDEX "booking_frist_cpr_samtaleType_key" ON "booking_frist"("cpr", "samtaleType");

-- CreateIndex
CREATE INDEX "indkaldelse_cpr_status_starttidspunkt_idx" ON "indkaldelse"("cpr", "status", "starttidspunkt");

-- CreateIndex
CREATE INDEX "indkaldelse_moedetidId_status_idx" ON "indkaldelse"("moedetidId", "status");

-- CreateIndex
CREATE INDEX "moedetid_hold_moedetidId_status_idx" ON "moedetid_hold"("moedetidId", "status");

-- CreateIndex
CREATE INDEX "fejlmelding_modtaget_idx" ON "fejlmelding"("modtaget");

-- AddForeignKey
ALTER TABLE "moedetilbud_sagsbehandler" ADD CONSTRAINT "moedetilbud_sagsbehandler_moedetilbudId_fkey" FOREIGN KEY ("moedetilbudId") REFERENCES "moedetilbud"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetilbud_sagsbehandler" ADD CONSTRAINT "moedetilbud_sagsbehandler_sagsbehandlerId_fkey" FOREIGN KEY ("sagsbehandlerId") REFERENCES "booking_sagsbehandler"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid" ADD CONSTRAINT "moedetid_moedetilbudId_fkey" FOREIGN KEY ("moedetilbudId") REFERENCES "moedetilbud"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_sagsbehandler" ADD CONSTRAINT "moedetid_sagsbehandler_moedetidId_moedetilbudId_fkey" FOREIGN KEY ("moedetidId", "moedetilbudId") REFERENCES "moedetid"("id", "moedetilbudId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_sagsbehandler" ADD CONSTRAINT "moedetid_sagsbehandler_moedetilbudId_sagsbehandlerId_fkey" FOREIGN KEY ("moedetilbudId", "sagsbehandlerId") REFERENCES "moedetilbud_sagsbehandler"("moedetilbudId", "sagsbehandlerId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "booking_frist" ADD CONSTRAINT "booking_frist_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indkaldelse" ADD CONSTRAINT "indkaldelse_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indkaldelse" ADD CONSTRAINT "indkaldelse_moedetilbudId_fkey" FOREIGN KEY ("moedetilbudId") REFERENCES "moedetilbud"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indkaldelse" ADD CONSTRAINT "indkaldelse_moedetidId_moedetilbudId_fkey" FOREIGN KEY ("moedetidId", "moedetilbudId") REFERENCES "moedetid"("id", "moedetilbudId") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "indkaldelse" ADD CONSTRAINT "indkaldelse_sagsbehandlerId_fkey" FOREIGN KEY ("sagsbehandlerId") REFERENCES "booking_sagsbehandler"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_hold" ADD CONSTRAINT "moedetid_hold_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_hold" ADD CONSTRAINT "moedetid_hold_moedetidId_fkey" FOREIGN KEY ("moedetidId") REFERENCES "moedetid"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_hold" ADD CONSTRAINT "moedetid_hold_indkaldelseId_fkey" FOREIGN KEY ("indkaldelseId") REFERENCES "indkaldelse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "moedetid_hold" ADD CONSTRAINT "moedetid_hold_sagsbehandlerId_fkey" FOREIGN KEY ("sagsbehandlerId") REFERENCES "booking_sagsbehandler"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fejlmelding" ADD CONSTRAINT "fejlmelding_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "borger"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fejlmelding" ADD CONSTRAINT "fejlmelding_moedetilbudId_fkey" FOREIGN KEY ("moedetilbudId") REFERENCES "moedetilbud"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fejlmelding" ADD CONSTRAINT "fejlmelding_indkaldelseId_fkey" FOREIGN KEY ("indkaldelseId") REFERENCES "indkaldelse"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Hand-written: the rules the database holds itself (docs/borgerbooking.md). Code values are the
-- code lists of src/modules/borgerbooking/koder.ts:
--   samtaleType 1,2,3,4,5,17,18; moedeGruppeType 1,2; samtaleform 1..4; friststatusType 1..3;
--   organisationType 1..5; fejlOphav 30 (DFDG), 32 (Jobnet).

ALTER TABLE "booking_sagsbehandler"
  ADD CONSTRAINT "booking_sagsbehandler_kommunekode_check" CHECK ("kommunekode" ~ '^[0-9]{3}$'),
  ADD CONSTRAINT "booking_sagsbehandler_eksterntId_check" CHECK (length("eksterntId") >= 1),
  ADD CONSTRAINT "booking_sagsbehandler_navn_check" CHECK (length("fornavne") >= 1 AND length("efternavn") >= 1 AND ("mellemnavn" IS NULL OR length("mellemnavn") >= 1)),
  ADD CONSTRAINT "booking_sagsbehandler_telefonnummer_check" CHECK ("telefonnummer" IS NULL OR "telefonnummer" ~ '^\+?[0-9]{3,20}$');

ALTER TABLE "moedetilbud"
  ADD CONSTRAINT "moedetilbud_kommunekode_check" CHECK ("kommunekode" ~ '^[0-9]{3}$'),
  ADD CONSTRAINT "moedetilbud_samtaleType_check" CHECK ("samtaleType" IN (1, 2, 3, 4, 5, 17, 18)),
  ADD CONSTRAINT "moedetilbud_moedeGruppeType_check" CHECK ("moedeGruppeType" IN (1, 2)),
  ADD CONSTRAINT "moedetilbud_samtaleformer_check" CHECK (cardinality("samtaleformer") >= 1 AND array_position("samtaleformer", NULL) IS NULL AND "samtaleformer" <@ ARRAY[1, 2, 3, 4]::smallint[]),
  ADD CONSTRAINT "moedetilbud_adresse_check" CHECK (
    ("vejnavn" IS NULL) = ("husnummer" IS NULL) AND ("vejnavn" IS NULL) = ("postnummer" IS NULL) AND ("vejnavn" IS NULL) = ("bynavn" IS NULL)
    AND ("vejnavn" IS NOT NULL OR ("etage" IS NULL AND "sideDoer" IS NULL AND "landekode" IS NULL))),
  ADD CONSTRAINT "moedetilbud_adresse_format_check" CHECK (
    ("husnummer" IS NULL OR "husnummer" ~ '^([1-9][0-9]{0,2}[A-Z]?)$')
    AND ("etage" IS NULL OR "etage" ~ '^([1-9]|[1-9][0-9]|KL|ST|kl|st|k[2-9]|K[2-9])$')
    AND ("postnummer" IS NULL OR "postnummer" ~ '^[0-9]{4}$')
    AND ("vejnavn" IS NULL OR length("vejnavn") >= 1) AND ("bynavn" IS NULL OR length("bynavn") >= 1)
    AND ("sideDoer" IS NULL OR length("sideDoer") >= 1) AND ("lokationsuddybning" IS NULL OR length("lokationsuddybning") >= 1)),
  -- 8129: meetings with personal attendance need an address.
  ADD CONSTRAINT "moedetilbud_personligt_adresse_check" CHECK (NOT (1 = ANY("samtaleformer")) OR "vejnavn" IS NOT NULL),
  -- 8135: at most one day.
  ADD CONSTRAINT "moedetilbud_moedeVarighed_check" CHECK ("moedeVarighed" BETWEEN 1 AND 1440),
  ADD CONSTRAINT "moedetilbud_interval_check" CHECK ("foersteMoedetid" IS NULL OR "sidsteMoedetid" IS NULL OR "sidsteMoedetid" >= "foersteMoedetid"),
  -- Group meetings: the citizen never chooses the caseworker.
  ADD CONSTRAINT "moedetilbud_faelles_sagsbehandler_check" CHECK (NOT ("moedeGruppeType" = 2 AND "borgerKanVaelgeSagsbehandler")),
  -- 8270: no rebooking for interview types 17 and 18.
  ADD CONSTRAINT "moedetilbud_ombooking_17_18_check" CHECK (NOT ("samtaleType" IN (17, 18) AND "ombookingFristMinutter" IS NOT NULL)),
  ADD CONSTRAINT "moedetilbud_frister_check" CHECK (("ombookingFristMinutter" IS NULL OR "ombookingFristMinutter" >= 0) AND ("aflysningFristMinutter" IS NULL OR "aflysningFristMinutter" >= 0)),
  ADD CONSTRAINT "moedetilbud_tekster_check" CHECK (length("moedetitel") >= 1);

ALTER TABLE "moedetid"
  -- The seat invariant: never more taken than there are seats, never negative.
  ADD CONSTRAINT "moedetid_pladser_check" CHECK ("pladser" >= 1 AND "optagnePladser" >= 0 AND "optagnePladser" <= "pladser"),
  ADD CONSTRAINT "moedetid_samtaleformer_check" CHECK (cardinality("samtaleformer") >= 1 AND array_position("samtaleformer", NULL) IS NULL AND "samtaleformer" <@ ARRAY[1, 2, 3, 4]::smallint[]);

ALTER TABLE "booking_frist"
  ADD CONSTRAINT "booking_frist_friststatusType_check" CHECK ("friststatusType" IN (1, 2, 3)),
  ADD CONSTRAINT "booking_frist_samtaleType_check" CHECK ("samtaleType" IN (1, 2, 3, 4, 5, 17, 18)),
  ADD CONSTRAINT "booking_frist_datoer_check" CHECK ("sidsteAfholdelsesdato" >= "fristdato");

ALTER TABLE "indkaldelse"
  ADD CONSTRAINT "indkaldelse_oprindelse_check" CHECK ("oprindelse" IN ('Indkaldt', 'Selvbooket', 'Straksbooket')),
  ADD CONSTRAINT "indkaldelse_status_check" CHECK ("status" IN ('Aktiv', 'Aflyst', 'Afholdt')),
  ADD CONSTRAINT "indkaldelse_selvbooket_check" CHECK ("selvbooket" = ("oprindelse" <> 'Indkaldt') AND "straksbooking" = ("oprindelse" = 'Straksbooket')),
  -- A self-booked meeting always holds a seat of a slot of its offer.
  ADD CONSTRAINT "indkaldelse_selvbooket_moedetid_check" CHECK (NOT "selvbooket" OR ("moedetidId" IS NOT NULL AND "moedetilbudId" IS NOT NULL)),
  ADD CONSTRAINT "indkaldelse_organisation_check" CHECK ("organisationKode" >= 0 AND "organisationKode" < 100000000 AND "organisationType" IN (1, 2, 3, 4, 5)),
  ADD CONSTRAINT "indkaldelse_koder_check" CHECK ("samtaleType" IN (1, 2, 3, 4, 5, 17, 18) AND "moedeGruppeType" IN (1, 2) AND "samtaleform" IN (1, 2, 3, 4)),
  -- 8126, 8134: a rebooking deadline when rebooking is possible, not after the start.
  ADD CONSTRAINT "indkaldelse_ombooking_check" CHECK ((NOT "ombookingMulig" OR "ombookingFrist" IS NOT NULL) AND ("ombookingFrist" IS NULL OR "ombookingFrist" <= "starttidspunkt")),
  -- 8127, 8128, 8136: a cancellation deadline exactly when cancelling is possible, not after the start.
  ADD CONSTRAINT "indkaldelse_aflysning_check" CHECK ("aflysningMulig" = ("aflysningFrist" IS NOT NULL) AND ("aflysningFrist" IS NULL OR "aflysningFrist" <= "starttidspunkt")),
  -- 8270.
  ADD CONSTRAINT "indkaldelse_ombooking_17_18_check" CHECK (NOT ("samtaleType" IN (17, 18) AND "ombookingMulig")),
  -- 4792, 8135.
  ADD CONSTRAINT "indkaldelse_tid_check" CHECK ("sluttidspunkt" IS NULL OR ("sluttidspunkt" >= "starttidspunkt" AND "sluttidspunkt" - "starttidspunkt" <= interval '1 day')),
  -- 8129 (personal attendance needs an address), 8131 (the citizen calls: a phone number).
  ADD CONSTRAINT "indkaldelse_personligt_adresse_check" CHECK ("samtaleform" <> 1 OR "vejnavn" IS NOT NULL),
  ADD CONSTRAINT "indkaldelse_ring_check" CHECK ("borgerSkalRinge" IS NOT TRUE OR "telefonnummer" IS NOT NULL),
  ADD CONSTRAINT "indkaldelse_accept_check" CHECK (NOT "accepteret" OR "accepteretTidspunkt" IS NOT NULL),
  ADD CONSTRAINT "indkaldelse_aflyst_check" CHECK (("status" = 'Aflyst') = ("aflystTidspunkt" IS NOT NULL)),
  ADD CONSTRAINT "indkaldelse_deltagere_check" CHECK ("deltagere" IS NULL OR jsonb_typeof("deltagere") = 'array'),
  ADD CONSTRAINT "indkaldelse_adresse_check" CHECK (
    ("vejnavn" IS NULL) = ("husnummer" IS NULL) AND ("vejnavn" IS NULL) = ("postnummer" IS NULL) AND ("vejnavn" IS NULL) = ("bynavn" IS NULL)
    AND ("husnummer" IS NULL OR "husnummer" ~ '^([1-9][0-9]{0,2}[A-Z]?)$')
    AND ("etage" IS NULL OR "etage" ~ '^([1-9]|[1-9][0-9]|KL|ST|kl|st|k[2-9]|K[2-9])$')
    AND ("postnummer" IS NULL OR "postnummer" ~ '^[0-9]{4}$')
    AND ("postboks" IS NULL OR "postboks" BETWEEN 1 AND 9999)
    AND ("telefonnummer" IS NULL OR "telefonnummer" ~ '^\+?[0-9]{3,20}$')),
  ADD CONSTRAINT "indkaldelse_tekster_check" CHECK (length("moedetitel") >= 1);

-- 8273 / 9220: at most one active meeting per citizen and interview type. Bookings map a
-- violation of this index to 8273 (Jobsamtale) or 9220 (Opfoelgningssamtale).
CREATE UNIQUE INDEX "indkaldelse_en_aktiv_pr_samtaletype" ON "indkaldelse" ("cpr", "samtaleType") WHERE "status" = 'Aktiv';

ALTER TABLE "moedetid_hold"
  ADD CONSTRAINT "moedetid_hold_status_check" CHECK ("status" IN ('Aktiv', 'Bekraeftet', 'Udloebet', 'Frigivet')),
  ADD CONSTRAINT "moedetid_hold_udloeber_check" CHECK ("udloeber" > "oprettet"),
  ADD CONSTRAINT "moedetid_hold_samtaleform_check" CHECK ("samtaleform" IS NULL OR "samtaleform" IN (1, 2, 3, 4));

-- At most one active hold per citizen: a new hold releases the previous one.
CREATE UNIQUE INDEX "moedetid_hold_en_aktiv_pr_borger" ON "moedetid_hold" ("cpr") WHERE "status" = 'Aktiv';

ALTER TABLE "fejlmelding"
  ADD CONSTRAINT "fejlmelding_fejlOphav_check" CHECK ("fejlOphav" IN (30, 32)),
  ADD CONSTRAINT "fejlmelding_fejltekst_check" CHECK ("fejltekst" IS NULL OR length("fejltekst") <= 500);
