-- Hand-written in part (docs/cv-search.md, "Speed"): the search projection splits in two. A search without text
-- whose filters match most CVs reads every cv_soeg row, and the tsvector (about 540 bytes a row) and the per-group
-- copy of the facet tags (grupper, about 450 bytes) made those rows 1.5 KB: three times the pages the filters need.
-- The text moves to cv_soeg_tekst, with copies of the columns a text search filters on, so a search with text reads
-- one row per hit as before; grupper is dropped (the facet count takes a group's tags from facetter, for the few
-- thousand rows it counts at most).

CREATE TABLE "cv_soeg_tekst" (
    "cpr" CHAR(10) NOT NULL,
    "tekst" tsvector NOT NULL,
    "postnummer" VARCHAR(15),
    "facetter" TEXT[],
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cv_soeg_tekst_pkey" PRIMARY KEY ("cpr")
);
INSERT INTO "cv_soeg_tekst" ("cpr", "tekst", "postnummer", "facetter", "opdateret")
  SELECT "cpr", "tekst", "postnummer", "facetter", "opdateret" FROM "cv_soeg";

DROP TRIGGER "cv_soeg_grupper" ON "cv_soeg";
DROP FUNCTION "cv_soeg_grupper_trigger"();
DROP FUNCTION "cv_soeg_grupper"(text[]);

-- DropIndex
DROP INDEX "cv_soeg_tekst_idx";

-- AlterTable
ALTER TABLE "cv_soeg" DROP COLUMN "grupper",
DROP COLUMN "tekst";

-- CreateIndex
CREATE INDEX "cv_soeg_tekst_tekst_idx" ON "cv_soeg_tekst" USING GIN ("tekst");

-- AddForeignKey
ALTER TABLE "cv_soeg_tekst" ADD CONSTRAINT "cv_soeg_tekst_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "cv_soeg"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- The projection function writes both tables (the same rules as before).
CREATE OR REPLACE FUNCTION "cv_soeg_opdater"(p_cpr text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_cpr char(10) := p_cpr;  -- the tables' key type: compared as bpchar, the primary keys serve the lookups
  c record;
  d jsonb;
  jb jsonb;
BEGIN
  SELECT cv.tilstand, cv.soegbar, cv.status, cv.opdateret, v.dokument, s.postnummer AS s_postnummer, s.postdistrikt AS s_by
    INTO c
    FROM cv LEFT JOIN cv_version v ON v.id = cv."versionId" LEFT JOIN cv_stamdata s ON s.cpr = cv.cpr
   WHERE cv.cpr = v_cpr;
  IF NOT FOUND OR c.dokument IS NULL OR c.tilstand <> 'Aktiv' OR NOT c.soegbar OR c.status = 5 THEN
    DELETE FROM cv_soeg WHERE cpr = v_cpr;
    RETURN;
  END IF;
  d := c.dokument;
  jb := coalesce(d->'jobbetingelser', '{}'::jsonb);
  WITH rad AS (
  SELECT v_cpr AS cpr,
    setweight(to_tsvector('danish', coalesce(x.titler, '')), 'A') ||
    setweight(to_tsvector('danish', coalesce(x.kompetencer_tekst, '')), 'B') ||
    setweight(to_tsvector('danish', coalesce(d->'cv'->'fagligProfil'->>'tekst', '')), 'C') ||
    setweight(to_tsvector('danish', coalesce(x.beskrivelser, '')), 'D') AS tekst,
    coalesce(x.stillinger, '{}') AS stillinger, u.niveau AS uddannelsesniveau, u.titel AS uddannelse, a.postnummer, a."by", p.lat, p.lon,
    array_remove(
      coalesce(x.stillinger_tags, '{}') || coalesce(x.kompetence_tags, '{}') || coalesce(x.sprog_tags, '{}') ||
      coalesce(x.koerekort_tags, '{}') ||
      ARRAY[
        'u:' || u.niveau, 'b:' || a."by",
        CASE WHEN (jb->>'almindeligeVilkaar')::boolean THEN 'j:Almindelige vilkår' END,
        CASE WHEN (jb->>'efterloennerVilkaar')::boolean THEN 'j:Efterlønnere og seniorer' END,
        CASE WHEN (jb->>'foertidspensionistVilkaar')::boolean THEN 'j:Førtidspensionister på særlige vilkår' END,
        CASE WHEN (jb->>'fuldtid')::boolean THEN 't:Fuldtid' END,
        CASE WHEN (jb->>'deltid')::boolean THEN 't:Deltid' END,
        CASE WHEN (jb->>'startHurtigstMuligt')::boolean THEN 'a:Hurtigst muligt' END,
        CASE WHEN (jb->>'startEfterAftale')::boolean THEN 'a:Efter aftale' END,
        CASE WHEN (jb->>'fastStilling')::boolean THEN 'f:Fast ansættelse' END,
        CASE WHEN (jb->>'midlertidigStilling')::boolean THEN 'f:Tidsbegrænset' END
      ], NULL) AS facetter,
    c.opdateret AS opdateret
  FROM (
    SELECT
      (SELECT array_agg(DISTINCT j->>'stillingsbetegnelse') FROM jsonb_array_elements(coalesce(d->'jobmaal', '[]')) j) AS stillinger,
      (SELECT array_agg(DISTINCT t) FROM jsonb_array_elements(coalesce(d->'jobmaal', '[]')) j,
         LATERAL unnest(ARRAY[
           's:' || (j->>'stillingsbetegnelse'),
           CASE WHEN (j->>'harUddannelse')::boolean THEN 'd:' ELSE 'y:' END || (j->>'stillingsbetegnelse'),
           CASE WHEN coalesce((j->>'maanederMedErfaring')::int, 0) > 0 THEN 'e:' ELSE 'x:' END || (j->>'stillingsbetegnelse')]) t) AS stillinger_tags,
      (SELECT array_agg(DISTINCT 'c:' || (k->>'navn')) FROM jsonb_array_elements(coalesce(d->'cv'->'kvalifikationer', '[]')) k) AS kompetence_tags,
      (SELECT array_agg(DISTINCT 'l:' || (s->>'kode')) FROM jsonb_array_elements(coalesce(d->'cv'->'sprogkundskaber', '[]')) s) AS sprog_tags,
      (SELECT array_agg(DISTINCT 'k:' || (k->>'kode')) FROM jsonb_array_elements(coalesce(d->'cv'->'koerekort', '[]')) k) AS koerekort_tags,
      (SELECT string_agg(t, ' ') FROM (
         SELECT j->>'stillingsbetegnelse' AS t FROM jsonb_array_elements(coalesce(d->'jobmaal', '[]')) j
         UNION ALL SELECT e->>'stillingsbetegnelse' FROM jsonb_array_elements(coalesce(d->'cv'->'tidligereErhvervserfaring', '[]')) e) q) AS titler,
      (SELECT string_agg(t, ' ') FROM (
         SELECT k->>'navn' AS t FROM jsonb_array_elements(coalesce(d->'cv'->'kvalifikationer', '[]')) k
         UNION ALL SELECT e->>'titel' FROM jsonb_array_elements(coalesce(d->'cv'->'uddannelser', '[]')) e) q) AS kompetencer_tekst,
      (SELECT string_agg(t, ' ') FROM (
         SELECT e->>'beskrivelse' AS t FROM jsonb_array_elements(coalesce(d->'cv'->'tidligereErhvervserfaring', '[]')) e
         UNION ALL SELECT e->>'beskrivelse' FROM jsonb_array_elements(coalesce(d->'cv'->'uddannelser', '[]')) e
         UNION ALL SELECT concat_ws(' ', e->>'titel', e->>'beskrivelse') FROM jsonb_array_elements(coalesce(d->'cv'->'andreErfaringer', '[]')) e) q) AS beskrivelser
  ) x
  LEFT JOIN LATERAL (
    SELECT e->>'uddannelsesniveau' AS niveau, e->>'titel' AS titel
      FROM jsonb_array_elements(coalesce(d->'cv'->'uddannelser', '[]')) WITH ORDINALITY AS q(e, i)
     WHERE e->>'uddannelsesniveau' IS NOT NULL
     ORDER BY cv_soeg_niveau_rang(e->>'uddannelsesniveau') DESC NULLS LAST, i
     LIMIT 1
  ) u ON true
  CROSS JOIN LATERAL (
    SELECT coalesce(c.s_postnummer, d->'personligeData'->'postadresse'->>'postnummer') AS postnummer,
           coalesce(c.s_by, d->'personligeData'->'postadresse'->>'postdistrikt') AS "by"
  ) a
  LEFT JOIN postnummer p ON p.nr = a.postnummer
  ), soeg AS (
  INSERT INTO cv_soeg AS t (cpr, stillinger, uddannelsesniveau, uddannelse, postnummer, "by", lat, lon, facetter, opdateret)
  SELECT cpr, stillinger, uddannelsesniveau, uddannelse, postnummer, "by", lat, lon, facetter, opdateret FROM rad
  ON CONFLICT (cpr) DO UPDATE SET stillinger = EXCLUDED.stillinger,
    uddannelsesniveau = EXCLUDED.uddannelsesniveau, uddannelse = EXCLUDED.uddannelse, postnummer = EXCLUDED.postnummer,
    "by" = EXCLUDED."by", lat = EXCLUDED.lat, lon = EXCLUDED.lon, facetter = EXCLUDED.facetter, opdateret = EXCLUDED.opdateret
  RETURNING t.cpr)
  -- The text side after its cv_soeg row (the foreign key is checked at the end of the statement).
  INSERT INTO cv_soeg_tekst AS t (cpr, tekst, postnummer, facetter, opdateret)
  SELECT cpr, tekst, postnummer, facetter, opdateret FROM rad
  ON CONFLICT (cpr) DO UPDATE SET tekst = EXCLUDED.tekst, postnummer = EXCLUDED.postnummer, facetter = EXCLUDED.facetter,
    opdateret = EXCLUDED.opdateret;
END $$;

-- Dropped columns keep their bytes in the existing rows until these are rewritten: rewrite the table now.
CLUSTER "cv_soeg" USING "cv_soeg_pkey";
