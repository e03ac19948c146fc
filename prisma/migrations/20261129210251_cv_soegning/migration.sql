-- AlterTable
ALTER TABLE "cv_adgangslog" ADD COLUMN     "antalHits" INTEGER,
ADD COLUMN     "kriterier" JSONB;

-- CreateTable
CREATE TABLE "cv_soeg" (
    "cpr" CHAR(10) NOT NULL,
    "tekst" tsvector NOT NULL,
    "stillinger" TEXT[],
    "uddannelsesniveau" VARCHAR(30),
    "uddannelse" VARCHAR(150),
    "postnummer" VARCHAR(15),
    "by" VARCHAR(50),
    "lat" DOUBLE PRECISION,
    "lon" DOUBLE PRECISION,
    "facetter" TEXT[],
    "opdateret" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cv_soeg_pkey" PRIMARY KEY ("cpr")
);

-- CreateTable
CREATE TABLE "cv_soegning" (
    "id" UUID NOT NULL,
    "subjekt" VARCHAR(255) NOT NULL,
    "oprettet" TIMESTAMPTZ(3) NOT NULL,
    "udloeber" TIMESTAMPTZ(3) NOT NULL,
    "antal" INTEGER NOT NULL,
    "cprListe" TEXT[],
    "facetter" JSONB NOT NULL,
    "kriterier" JSONB NOT NULL,

    CONSTRAINT "cv_soegning_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "postnummer" (
    "nr" VARCHAR(4) NOT NULL,
    "navn" VARCHAR(50) NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lon" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "postnummer_pkey" PRIMARY KEY ("nr")
);

-- CreateIndex
CREATE INDEX "cv_soeg_tekst_idx" ON "cv_soeg" USING GIN ("tekst");

-- CreateIndex
CREATE INDEX "cv_soeg_facetter_idx" ON "cv_soeg" USING GIN ("facetter");

-- CreateIndex
CREATE INDEX "cv_soeg_postnummer_idx" ON "cv_soeg"("postnummer");

-- CreateIndex
CREATE INDEX "cv_soeg_opdateret_idx" ON "cv_soeg"("opdateret");

-- CreateIndex
CREATE INDEX "cv_soegning_udloeber_idx" ON "cv_soegning"("udloeber");

-- CreateIndex
CREATE INDEX "postnummer_navn_idx" ON "postnummer"("navn");

-- AddForeignKey
ALTER TABLE "cv_soeg" ADD CONSTRAINT "cv_soeg_cpr_fkey" FOREIGN KEY ("cpr") REFERENCES "cv"("cpr") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written (docs/migrations.md, docs/cv-search.md): distance, the search projection's upkeep.

-- Distance: cube + earthdistance (PostgreSQL contrib; PGlite loads the same extensions, src/db/embedded.ts).
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE INDEX "postnummer_sted_idx" ON "postnummer" USING gist (ll_to_earth("lat", "lon"));
CREATE INDEX "cv_soeg_sted_idx" ON "cv_soeg" USING gist (ll_to_earth("lat", "lon")) WHERE "lat" IS NOT NULL;
ALTER TABLE "postnummer" ADD CONSTRAINT "postnummer_nr_check" CHECK ("nr" ~ '^[0-9]{4}$');
ALTER TABLE "postnummer" ADD CONSTRAINT "postnummer_sted_check" CHECK ("lat" BETWEEN 54 AND 58 AND "lon" BETWEEN 8 AND 16);

-- The order of EducationLevelEnum by level (the specification's enumeration is not ordered), for the highest level.
CREATE FUNCTION "cv_soeg_niveau_rang"(niveau text) RETURNS int LANGUAGE sql IMMUTABLE AS $$
  SELECT array_position(ARRAY['Unknown', 'PrimarySchoolFoundation', 'PrimarySchoolLastLevel', 'OtherCourses',
    'LaborMarketCourses', 'SecondarySchool', 'Vocational', 'ShortTertiaryEducation', 'Bachelor', 'Master', 'PhdOrPostdoc'], niveau)
$$;

-- Rebuilds the search row of one CV from cv, its current version (the JSONB document), cv_stamdata and the
-- postal codes; deletes it when the CV is gone or not searchable. Triggers call it in the writer's transaction;
-- a bulk loader may disable them and call it (or cv_soeg_opdater_alle()) itself.
CREATE FUNCTION "cv_soeg_opdater"(p_cpr text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c record;
  d jsonb;
  jb jsonb;
BEGIN
  SELECT cv.tilstand, cv.soegbar, cv.status, cv.opdateret, v.dokument, s.postnummer AS s_postnummer, s.postdistrikt AS s_by
    INTO c
    FROM cv LEFT JOIN cv_version v ON v.id = cv."versionId" LEFT JOIN cv_stamdata s ON s.cpr = cv.cpr
   WHERE cv.cpr = p_cpr;
  IF NOT FOUND OR c.dokument IS NULL OR c.tilstand <> 'Aktiv' OR NOT c.soegbar OR c.status = 5 THEN
    DELETE FROM cv_soeg WHERE cpr = p_cpr;
    RETURN;
  END IF;
  d := c.dokument;
  jb := coalesce(d->'jobbetingelser', '{}'::jsonb);
  INSERT INTO cv_soeg AS t (cpr, tekst, stillinger, uddannelsesniveau, uddannelse, postnummer, "by", lat, lon, facetter, opdateret)
  SELECT p_cpr,
    setweight(to_tsvector('danish', coalesce(x.titler, '')), 'A') ||
    setweight(to_tsvector('danish', coalesce(x.kompetencer_tekst, '')), 'B') ||
    setweight(to_tsvector('danish', coalesce(d->'cv'->'fagligProfil'->>'tekst', '')), 'C') ||
    setweight(to_tsvector('danish', coalesce(x.beskrivelser, '')), 'D'),
    coalesce(x.stillinger, '{}'), u.niveau, u.titel, a.postnummer, a."by", p.lat, p.lon,
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
      ], NULL),
    c.opdateret
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
  ON CONFLICT (cpr) DO UPDATE SET tekst = EXCLUDED.tekst, stillinger = EXCLUDED.stillinger,
    uddannelsesniveau = EXCLUDED.uddannelsesniveau, uddannelse = EXCLUDED.uddannelse, postnummer = EXCLUDED.postnummer,
    "by" = EXCLUDED."by", lat = EXCLUDED.lat, lon = EXCLUDED.lon, facetter = EXCLUDED.facetter, opdateret = EXCLUDED.opdateret;
END $$;

-- Rebuilds every row (after a bulk load with the triggers disabled, or a change of the rules above).
CREATE FUNCTION "cv_soeg_opdater_alle"() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE n bigint := 0; r record;
BEGIN
  DELETE FROM cv_soeg WHERE cpr NOT IN (SELECT cpr FROM cv);
  FOR r IN SELECT cpr FROM cv LOOP
    PERFORM cv_soeg_opdater(r.cpr);
    n := n + 1;
  END LOOP;
  RETURN n;
END $$;

-- The triggers: a change of the CV row (state, status, availability, current version), a new version that
-- is already the current one (a loader that writes cv before cv_version), and new registry data (address).
CREATE FUNCTION "cv_soeg_trigger"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'cv_version' THEN
    IF EXISTS (SELECT 1 FROM cv WHERE cv.cpr = NEW.cpr AND cv."versionId" = NEW.id) THEN
      PERFORM cv_soeg_opdater(NEW.cpr);
    END IF;
  ELSIF TG_TABLE_NAME = 'cv_stamdata' THEN
    IF EXISTS (SELECT 1 FROM cv WHERE cv.cpr = NEW.cpr) THEN
      PERFORM cv_soeg_opdater(NEW.cpr);
    END IF;
  ELSE
    PERFORM cv_soeg_opdater(NEW.cpr);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "cv_soeg_cv" AFTER INSERT OR UPDATE OF tilstand, status, soegbar, "versionId", opdateret ON "cv"
  FOR EACH ROW EXECUTE FUNCTION "cv_soeg_trigger"();
CREATE TRIGGER "cv_soeg_cv_version" AFTER INSERT ON "cv_version"
  FOR EACH ROW EXECUTE FUNCTION "cv_soeg_trigger"();
CREATE TRIGGER "cv_soeg_cv_stamdata" AFTER INSERT OR UPDATE OF postnummer, postdistrikt ON "cv_stamdata"
  FOR EACH ROW EXECUTE FUNCTION "cv_soeg_trigger"();

-- The CVs that exist already.
SELECT cv_soeg_opdater_alle();
