-- A-kasse membership becomes one fact (docs/decisions.md, "Facts about the citizen"): the CV's
-- a-kasse column (cv_stamdata.akasse, the a-kasse's number) moves into akasse_medlemskab, which
-- Tilmelding already had (with a name and an insurance category, but no number). Hand-written so
-- that existing rows survive: the generated DROP/ADD of "akasse" became a RENAME, and the data move
-- runs before cv_stamdata's column is dropped.

-- The old name column keeps its values, as the (now optional) display name.
ALTER TABLE "akasse_medlemskab" RENAME COLUMN "akasse" TO "akasseNavn";
ALTER TABLE "akasse_medlemskab" ALTER COLUMN "akasseNavn" DROP NOT NULL;
ALTER TABLE "akasse_medlemskab" ADD COLUMN "akasseNummer" VARCHAR(10);
-- Not known for memberships moved from the CV's registry data.
ALTER TABLE "akasse_medlemskab" ALTER COLUMN "forsikringskategori" DROP NOT NULL;

-- Data move 1: a membership active today gets the number the CV knew for the citizen.
UPDATE "akasse_medlemskab" m SET "akasseNummer" = s."akasse"
FROM "cv_stamdata" s
WHERE s."cpr" = m."cpr" AND s."akasse" IS NOT NULL
  AND m."fraDato" <= CURRENT_DATE AND (m."tilDato" IS NULL OR m."tilDato" >= CURRENT_DATE);

-- Data move 2: a citizen the CV knew as a member but without an active membership row gets one,
-- from today, open-ended, insurance category not known.
INSERT INTO "akasse_medlemskab" ("id", "cpr", "akasseNummer", "akasseNavn", "forsikringskategori", "fraDato", "tilDato")
SELECT gen_random_uuid(), s."cpr", s."akasse", NULL, NULL, CURRENT_DATE, NULL
FROM "cv_stamdata" s
WHERE s."akasse" IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM "akasse_medlemskab" m
    WHERE m."cpr" = s."cpr" AND m."fraDato" <= CURRENT_DATE AND (m."tilDato" IS NULL OR m."tilDato" >= CURRENT_DATE)
  );

-- Only now: the CV's own copy goes.
ALTER TABLE "cv_stamdata" DROP COLUMN "akasse";

-- Every new or changed membership carries the number; rows from before (past memberships, or
-- memberships of citizens the CV had no a-kasse for) may keep none: NOT VALID checks new rows only.
ALTER TABLE "akasse_medlemskab" ADD CONSTRAINT "akasse_medlemskab_nummer_paakraevet" CHECK ("akasseNummer" IS NOT NULL) NOT VALID;

-- borger.kontaktgruppe references the kontaktgruppe code list. Validated: a citizen with a code the
-- list does not have stops the migration (to be corrected by hand) rather than losing the value.
ALTER TABLE "borger" ADD CONSTRAINT "borger_kontaktgruppe_fkey" FOREIGN KEY ("kontaktgruppe") REFERENCES "kontaktgruppe"("kode") ON DELETE RESTRICT ON UPDATE CASCADE;
