/**
 * SearchCVText: free-text search with filters, facets, distance and a stable paging cursor over the search
 * projection cv_soeg (one row per searchable CV, kept by triggers: docs/cv-search.md).
 *
 * A new search runs ONE statement: it selects the matching rows once (GIN on the text and the tagged filter
 * values, GiST on the coordinates), ranks them, counts the facets in one pass over the same rows, and stores
 * the ranked CPRs (up to the depth cap), the total and the facets as a snapshot (cv_soegning) under a new
 * search id. Every page, the first included, is a slice of that snapshot, joined to cv_soeg again so a CV that
 * has become unsearchable since is left out; the order never changes while the search id lives.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Prisma } from '../../../generated/prisma/client';
import type { Clock } from '../../../domain/clock';
import { today } from '../../../domain/clock';
import type { Principal } from '../../../domain/access';
import { ApiError, fejlEntry, RuleViolation, type FejlEntry } from '../../../domain/errors';
import { fejlkode } from '../../../domain/fejlkoder';
import { rawQuery, rawTransaction } from '../../../db/sql';
import { KOEREKORT, SPROG, UDDANNELSESNIVEAUER } from '../kodelister';
import { nearest, nearestPostalCodes } from './naermeste';
import {
  SOEG_GRAENSER,
  STANDARD_AFSTAND_KM,
  STANDARD_ANTAL_GRUPPER,
  STANDARD_RESULTATER_PR_SIDE,
  type CvPerson,
  type SoegCvInput,
  type SoegCvSvar,
  type SoegeGrupper,
} from './schemas';

/** How long a search id lives. */
export const SOEGNING_LEVETID_MS = 30 * 60 * 1000;
/** How much less the secondary search string weighs than the primary. */
export const SEKUNDAER_VAEGT = 0.25;

/** Danish names of EducationLevelEnum (for the facets' visningsnavn). */
export const UDDANNELSESNIVEAU_NAVNE: Record<string, string> = {
  Unknown: 'Ukendt',
  PrimarySchoolFoundation: 'Grundskole',
  PrimarySchoolLastLevel: 'Folkeskolens afsluttende prøve',
  LaborMarketCourses: 'AMU-kurser',
  OtherCourses: 'Andre kurser',
  SecondarySchool: 'Gymnasial uddannelse',
  Vocational: 'Erhvervsuddannelse',
  ShortTertiaryEducation: 'Kort videregående uddannelse',
  Bachelor: 'Bachelor eller mellemlang videregående uddannelse',
  Master: 'Kandidat eller lang videregående uddannelse',
  PhdOrPostdoc: 'Ph.d. eller postdoc',
};

export const ANSAETTELSESBETINGELSER = ['Almindelige vilkår', 'Efterlønnere og seniorer', 'Førtidspensionister på særlige vilkår'];
export const ARBEJDSTIDER = ['Fuldtid', 'Deltid'];
export const ANSAETTELSESSTARTER = ['Hurtigst muligt', 'Efter aftale'];
export const ANSAETTELSESFORMER = ['Fast ansættelse', 'Tidsbegrænset'];

type ListeFelt =
  | 'stillingsbetegnelser'
  | 'stillingsbetegnelserMedUddannelse'
  | 'stillingsbetegnelserUdenUddannelse'
  | 'stillingsbetegnelserMedErfaring'
  | 'stillingsbetegnelserUdenErfaring'
  | 'kompetencer'
  | 'uddannelsesniveauer'
  | 'sprog'
  | 'koerekort'
  | 'ansaettelsesbetingelser'
  | 'byer'
  | 'ansaettelsesform'
  | 'arbejdstid'
  | 'ansaettelsesstart';

type Vokabular = 'stilling' | 'fri' | 'niveau' | 'sprog' | 'koerekort' | 'by' | readonly string[];

/** Each filter list: its tag in cv_soeg.facetter, its facet in the answer (none for the "without" lists), how values are checked. */
export const FILTRE: readonly { felt: ListeFelt; tag: string; gruppe?: keyof SoegeGrupper; vokabular: Vokabular }[] = [
  { felt: 'stillingsbetegnelser', tag: 's', gruppe: 'stillingsbetegnelser', vokabular: 'stilling' },
  { felt: 'stillingsbetegnelserMedUddannelse', tag: 'd', gruppe: 'stillingsbetegnelserMedUddannelse', vokabular: 'stilling' },
  { felt: 'stillingsbetegnelserUdenUddannelse', tag: 'y', vokabular: 'stilling' },
  { felt: 'stillingsbetegnelserMedErfaring', tag: 'e', gruppe: 'stillingsbetegnelserMedErfaring', vokabular: 'stilling' },
  { felt: 'stillingsbetegnelserUdenErfaring', tag: 'x', vokabular: 'stilling' },
  { felt: 'kompetencer', tag: 'c', gruppe: 'kompetencer', vokabular: 'fri' },
  { felt: 'uddannelsesniveauer', tag: 'u', gruppe: 'uddannelsesniveauer', vokabular: 'niveau' },
  { felt: 'sprog', tag: 'l', gruppe: 'sprog', vokabular: 'sprog' },
  { felt: 'koerekort', tag: 'k', gruppe: 'koerekort', vokabular: 'koerekort' },
  { felt: 'ansaettelsesbetingelser', tag: 'j', gruppe: 'ansaettelsesbetingelser', vokabular: ANSAETTELSESBETINGELSER },
  { felt: 'byer', tag: 'b', gruppe: 'byer', vokabular: 'by' },
  { felt: 'ansaettelsesform', tag: 'f', gruppe: 'ansaettelsesform', vokabular: ANSAETTELSESFORMER },
  { felt: 'arbejdstid', tag: 't', gruppe: 'arbejdstid', vokabular: ARBEJDSTIDER },
  { felt: 'ansaettelsesstart', tag: 'a', gruppe: 'ansaettelsesstart', vokabular: ANSAETTELSESSTARTER },
];

/** Criteria after checking: canonical values, the resolved centre. What a snapshot keeps. */
export interface Kriterier {
  soegetekst?: string;
  sekundaerSoegetekst?: string;
  filtre: { tag: string; vaerdier: string[] }[];
  centrum?: { lat: number; lon: number; afstandKm: number };
  kunTilmeldte: boolean;
  opdateretEfter?: string;
  opdateretFoer?: string;
}

interface Snapshot {
  id: string;
  udloeber: Date;
  antal: number;
  cprListe: string[];
  facetter: [string, number][];
  facetterAnslaaet: boolean;
  kriterier: Kriterier;
}

/** A 400/1014 answer with one entry per bad field. */
function ugyldig(fejl: { felt: string; tekst: string }[]): ApiError {
  const f = fejlkode(1014);
  const entries: FejlEntry[] = fejl.slice(0, 10).map((e) => ({ ...fejlEntry(1014, e.felt), beskrivelse: `${f.beskrivelse}: ${e.felt} ${e.tekst}` }));
  const more = fejl.length > entries.length ? ` (and ${fejl.length - entries.length} more)` : '';
  return new ApiError(f.status, f.fejltekst, fejl.map((e) => `${e.felt} ${e.tekst}`).slice(0, 10).join('; ') + more, entries);
}

const ukendt = (felt: string, vaerdi: string, forslag: string[]) => ({
  felt,
  tekst: `ukendt værdi "${vaerdi}"${forslag.length ? `; nærmeste gyldige: ${forslag.map((s) => `"${s}"`).join(', ')}` : ''}`,
});

/** Case-insensitive lookup of a value in a list: the list's spelling, or undefined. */
function find(list: Iterable<string>, v: string): string | undefined {
  const l = v.toLowerCase();
  for (const x of list) if (x.toLowerCase() === l) return x;
  return undefined;
}

/**
 * Who owns a stored search: role, organisation and token subject together, so another token of the same
 * subject acting in another role or for another organisation (whose CPR masking or reach differs) cannot page it.
 */
function soeger(p: Principal): string {
  return `${p.role}|${p.organisation ?? ''}|${p.subject}`;
}

export class CvSoegService {
  private vokabularCache?: { hentet: number; stillinger: string[]; postnumre: { nr: string; navn: string; lat: number; lon: number }[] };

  /** Above this many rows to count, the facets count a sample of about this many (SOEG_GRAENSER.facetStikproeve). */
  private readonly facetStikproeve: number;

  constructor(
    private readonly clock: Clock,
    private readonly pool: Pool,
    opts: { facetStikproeve?: number } = {},
  ) {
    this.facetStikproeve = opts.facetStikproeve ?? SOEG_GRAENSER.facetStikproeve;
  }

  /** The occupation names of the code list (with aliases) and the postal codes; cached for 5 minutes. */
  private async vokabular() {
    const now = Date.now();
    if (this.vokabularCache && now - this.vokabularCache.hentet < 5 * 60 * 1000) return this.vokabularCache;
    const [stillinger, postnumre] = await Promise.all([
      rawQuery<{ navn: string }>(this.pool, Prisma.sql`SELECT navn FROM stillingsbetegnelse UNION SELECT navn FROM stillingsbetegnelse_alias`),
      rawQuery<{ nr: string; navn: string; lat: number; lon: number }>(this.pool, Prisma.sql`SELECT nr, navn, lat, lon FROM postnummer ORDER BY nr`),
    ]);
    this.vokabularCache = { hentet: now, stillinger: stillinger.map((r) => r.navn).sort(), postnumre };
    return this.vokabularCache;
  }

  /** Values of a tag that some searchable CV has (exact, via the GIN index): e.g. a free-text occupation name. */
  private async iBrug(tag: string, vaerdier: string[]): Promise<Set<string>> {
    if (!vaerdier.length) return new Set();
    const rows = await rawQuery<{ v: string }>(
      this.pool,
      Prisma.sql`SELECT v FROM unnest(${vaerdier}::text[]) v WHERE EXISTS (SELECT 1 FROM cv_soeg WHERE facetter @> ARRAY[${tag} || ':' || v])`,
    );
    return new Set(rows.map((r) => r.v));
  }

  /**
   * Checks and canonicalises the criteria of a new search. 400/1014 for an unknown value (naming the field and
   * the nearest valid values), for more than one centre, a radius without one, or an empty interval; 9339 when
   * nothing is left to search by.
   */
  async kriterier(input: SoegCvInput): Promise<Kriterier> {
    const fejl: { felt: string; tekst: string }[] = [];
    const vok = await this.vokabular();
    const filtre: Kriterier['filtre'] = [];
    for (const f of FILTRE) {
      const vaerdier = [...new Set((input[f.felt] ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
      if (!vaerdier.length) continue;
      const kanoniske: string[] = [];
      const v = f.vokabular;
      if (v === 'fri') kanoniske.push(...vaerdier);
      else if (v === 'stilling' || v === 'by') {
        // Known: a value some CV has (exact), or one of the list (any case). Otherwise unknown.
        const liste = v === 'stilling' ? vok.stillinger : [...new Set(vok.postnumre.map((p) => p.navn))];
        const brugte = await this.iBrug(v === 'stilling' ? 's' : 'b', vaerdier);
        vaerdier.forEach((x, i) => {
          const k = brugte.has(x) ? x : find(liste, x);
          if (k) kanoniske.push(k);
          else fejl.push(ukendt(`/${f.felt}/${i}`, x, nearest(x, liste)));
        });
      } else {
        const liste: readonly string[] =
          v === 'niveau' ? UDDANNELSESNIVEAUER : v === 'koerekort' ? Object.keys(KOEREKORT) : v === 'sprog' ? Object.keys(SPROG) : v;
        vaerdier.forEach((x, i) => {
          const k = find(liste, x) ?? (v === 'sprog' ? Object.keys(SPROG).find((kode) => SPROG[kode]!.toLowerCase() === x.toLowerCase()) : undefined);
          if (k) kanoniske.push(k);
          else fejl.push(ukendt(`/${f.felt}/${i}`, x, nearest(x, v === 'sprog' ? [...liste, ...Object.values(SPROG)] : liste)));
        });
      }
      filtre.push({ tag: f.tag, vaerdier: [...new Set(kanoniske)] });
    }

    // The centre: at most one of postal code, city, point.
    const centre = [input.naerPostnummer !== undefined, input.naerBy !== undefined, input.geoPunkt !== undefined].filter(Boolean).length;
    let centrum: Kriterier['centrum'];
    const afstandKm = input.afstandKm ?? STANDARD_AFSTAND_KM;
    if (centre > 1) fejl.push({ felt: '/naerBy', tekst: 'højst én af naerPostnummer, naerBy og geoPunkt' });
    else if (input.naerPostnummer !== undefined) {
      const p = vok.postnumre.find((x) => x.nr === input.naerPostnummer!.trim());
      if (p) centrum = { lat: p.lat, lon: p.lon, afstandKm };
      else fejl.push(ukendt('/naerPostnummer', input.naerPostnummer, nearestPostalCodes(input.naerPostnummer.trim(), vok.postnumre.map((x) => x.nr))));
    } else if (input.naerBy !== undefined) {
      const by = input.naerBy.trim().toLowerCase();
      let rows = vok.postnumre.filter((x) => x.navn.toLowerCase() === by);
      if (!rows.length) rows = vok.postnumre.filter((x) => x.navn.toLowerCase().startsWith(`${by} `));
      if (rows.length) {
        centrum = { lat: rows.reduce((s, r) => s + r.lat, 0) / rows.length, lon: rows.reduce((s, r) => s + r.lon, 0) / rows.length, afstandKm };
      } else fejl.push(ukendt('/naerBy', input.naerBy, nearest(input.naerBy, new Set(vok.postnumre.map((x) => x.navn)))));
    } else if (input.geoPunkt) centrum = { lat: input.geoPunkt.lat, lon: input.geoPunkt.lon, afstandKm };
    else if (input.afstandKm !== undefined) fejl.push({ felt: '/afstandKm', tekst: 'kræver naerPostnummer, naerBy eller geoPunkt' });

    if (input.opdateretEfter && input.opdateretFoer && new Date(input.opdateretEfter) >= new Date(input.opdateretFoer)) {
      fejl.push({ felt: '/opdateretFoer', tekst: 'skal være efter opdateretEfter' });
    }
    if (fejl.length) throw ugyldig(fejl);

    // Search strings count only when they have words left after the Danish stop words.
    const tekster = await rawQuery<{ n1: number; n2: number }>(
      this.pool,
      Prisma.sql`SELECT numnode(websearch_to_tsquery('danish', ${input.soegetekst ?? ''})) AS n1,
                        numnode(websearch_to_tsquery('danish', ${input.sekundaerSoegetekst ?? ''})) AS n2`,
    );
    const k: Kriterier = {
      ...(input.soegetekst && tekster[0]!.n1 > 0 ? { soegetekst: input.soegetekst } : {}),
      ...(input.sekundaerSoegetekst && tekster[0]!.n2 > 0 ? { sekundaerSoegetekst: input.sekundaerSoegetekst } : {}),
      filtre,
      ...(centrum ? { centrum } : {}),
      kunTilmeldte: input.kunTilmeldte ?? false,
      ...(input.opdateretEfter ? { opdateretEfter: new Date(input.opdateretEfter).toISOString() } : {}),
      ...(input.opdateretFoer ? { opdateretFoer: new Date(input.opdateretFoer).toISOString() } : {}),
    };
    const harKriterie =
      k.soegetekst || k.sekundaerSoegetekst || k.filtre.length || k.centrum || k.kunTilmeldte || k.opdateretEfter || k.opdateretFoer;
    if (!harKriterie) {
      throw new RuleViolation(9339, {
        detail: input.soegetekst || input.sekundaerSoegetekst ? 'The search text has no words beyond stop words, and no other criterion is given' : undefined,
      });
    }
    return k;
  }

  /** The statement of a new search: select, rank, count the facets, store the snapshot. */
  private soegning(k: Kriterier, id: string, subjekt: string, antalGrupper: number): Prisma.Sql {
    const now = this.clock.now();
    const sql = Prisma.sql;
    const q1 = k.soegetekst ? sql`websearch_to_tsquery('danish', ${k.soegetekst})` : null;
    const q2 = k.sekundaerSoegetekst ? sql`websearch_to_tsquery('danish', ${k.sekundaerSoegetekst})` : null;
    const base: Prisma.Sql[] = [];
    if (q1 && q2) base.push(sql`s.tekst @@ (${q1} || ${q2})`);
    else if (q1 || q2) base.push(sql`s.tekst @@ ${q1 ?? q2!}`);
    const rang =
      q1 && q2
        ? sql`ts_rank(s.tekst, ${q1}) + ${SEKUNDAER_VAEGT}::real * ts_rank(s.tekst, ${q2})`
        : q1
          ? sql`ts_rank(s.tekst, ${q1})`
          : q2
            ? sql`${SEKUNDAER_VAEGT}::real * ts_rank(s.tekst, ${q2})`
            : sql`0::real`;
    if (k.centrum) {
      const c = sql`ll_to_earth(${k.centrum.lat}::float8, ${k.centrum.lon}::float8)`;
      const r = k.centrum.afstandKm * 1000;
      // A CV lies at its postal code's centre (cv_soeg.lat/lon are the postnummer row's), so the radius picks
      // postal codes (GiST on postnummer: a handful of rows) and the CVs follow by the btree on cv_soeg.postnummer:
      // the same answer as earth_distance per CV, without a trigonometric call per CV.
      base.push(sql`s.postnummer = ANY (ARRAY(SELECT p.nr FROM postnummer p
        WHERE earth_box(${c}, ${r}::float8) @> ll_to_earth(p.lat, p.lon) AND earth_distance(${c}, ll_to_earth(p.lat, p.lon)) <= ${r}::float8))`);
    }
    if (k.kunTilmeldte) {
      const dag = today(this.clock);
      base.push(sql`EXISTS (SELECT 1 FROM tilmelding t WHERE t.cpr = s.cpr AND t.tilmeldingsdato <= ${dag}::date
        AND (t.afmeldingsdato IS NULL OR t.afmeldingsdato > ${dag}::date))`);
    }
    if (k.opdateretEfter) base.push(sql`s.opdateret > ${new Date(k.opdateretEfter)}::timestamptz`);
    if (k.opdateretFoer) base.push(sql`s.opdateret < ${new Date(k.opdateretFoer)}::timestamptz`);

    // Filters of a facet group: each a boolean per row; a row counts for a facet when every OTHER group matches.
    const tags = (f: { tag: string; vaerdier: string[] }) => f.vaerdier.map((v) => `${f.tag}:${v}`);
    const grupper = k.filtre.filter((f) => FILTRE.find((x) => x.tag === f.tag)!.gruppe);
    for (const f of k.filtre.filter((f) => !grupper.includes(f))) base.push(sql`s.facetter && ${tags(f)}::text[]`);
    const match = grupper.map((f) => sql`(s.facetter && ${tags(f)}::text[])`);
    // Each group's match is evaluated once per row, into a bit mask (bit i: group i matches); how many groups a
    // row fails (fejl) and which (fejlgruppe) are integer arithmetic on the mask, one level up.
    const bit = (i: number) => Prisma.raw(String(1 << i));
    const maske = match.length ? Prisma.join(match.map((m, i) => sql`${m}::int * ${bit(i)}`), ' + ') : sql`0`;
    const fejl = match.length ? Prisma.join(match.map((_, i) => sql`((x.maske & ${bit(i)}) = 0)::int`), ' + ') : sql`0`;
    const fejlgruppe = match.length
      ? sql`CASE ${Prisma.join(
          match.map((_, i) => sql`WHEN (x.maske & ${bit(i)}) = 0 THEN ${grupper[i]!.tag}`),
          ' ',
        )} END`
      : sql`NULL::text`;
    // Without facets only the hits matter; with them, a row failing two groups counts nowhere (for two groups,
    // matching either group's values is exactly "fails at most one").
    let fejlHoejst1 = sql`true`;
    if (antalGrupper === 0) base.push(...match);
    else if (match.length >= 2) {
      base.push(sql`s.facetter && ${grupper.flatMap(tags)}::text[]`);
      if (match.length > 2) fejlHoejst1 = sql`${fejl} <= 1`;
    }
    const where = base.length ? Prisma.join(base, ' AND ') : sql`true`;

    // The facets: all values of the hits (fejl 0), and of a row failing one group only that group's values
    // (from grupper, the values by group: a short array instead of all of facetter). Up to facetStikproeve rows
    // to count (h), exactly; above, a sample: the rows whose CPR hashes into the first `grense` of 1,024 buckets
    // (about facetStikproeve rows; independent of the CV's content, and the same CVs every time, so a repeated
    // search answers the same), each count scaled by all rows / sampled rows (st).
    const facetter =
      antalGrupper > 0
        ? sql`(SELECT coalesce(json_agg(json_build_array(t, n) ORDER BY t), '[]') FROM (
            SELECT t, n, row_number() OVER (PARTITION BY left(t, 2) ORDER BY n DESC, t) AS nr FROM (
              SELECT t, CASE WHEN st.grense >= 1024 THEN count(*)::int
                             ELSE round(count(*) * st.n::numeric / greatest(st.udtaget, 1))::int END AS n FROM (
                SELECT t FROM hs, unnest(hs.facetter) t WHERE hs.fejl = 0
                UNION ALL
                SELECT hs.fejlgruppe || ':' || e FROM hs, jsonb_array_elements_text(hs.gv) e WHERE hs.fejl = 1
              ) u, st GROUP BY t, st.grense, st.n, st.udtaget) f
            WHERE left(t, 1) NOT IN ('x', 'y')) fr WHERE nr <= ${antalGrupper})`
        : sql`'[]'::json`;
    const medFacetter = antalGrupper > 0;
    const stikproeve = this.facetStikproeve;

    // ryd: the expired snapshots, oldest first. ORDER BY udloeber lets the planner take cv_soegning_udloeber_idx;
    // without it, "any 100 rows" under LIMIT made a sequential scan of every live snapshot look cheapest.
    return sql`WITH h AS MATERIALIZED (
        SELECT x.cpr, x.opdateret, x.rang, ${antalGrupper === 0 ? sql`0` : fejl} AS fejl, ${antalGrupper === 0 ? sql`NULL::text` : fejlgruppe} AS fejlgruppe, x.spand
        FROM (SELECT s.cpr, s.opdateret, ${rang} AS rang, ${antalGrupper === 0 ? sql`0` : maske} AS maske,
                ${medFacetter ? sql`hashtext(s.cpr) & 1023` : sql`0`} AS spand
              FROM cv_soeg s WHERE ${where} OFFSET 0) x
        WHERE ${fejlHoejst1}
      ), r AS (SELECT cpr, rang, opdateret FROM h WHERE fejl = 0),
      g AS (SELECT count(*) AS n, count(*) FILTER (WHERE fejl = 0) AS hits,
              CASE WHEN count(*) > ${stikproeve}::int THEN ceil(1024.0 * ${stikproeve}::int / count(*))::int ELSE 1024 END AS grense FROM h),
      st AS (SELECT g.n, g.grense, (SELECT count(*) FROM h WHERE h.spand < g.grense) AS udtaget FROM g),
      hs AS (SELECT h.fejl, h.fejlgruppe,
               CASE WHEN h.fejl = 0 THEN (SELECT f.facetter FROM cv_soeg f WHERE f.cpr = h.cpr) END AS facetter,
               CASE WHEN h.fejl = 1 THEN (SELECT coalesce(f.grupper, cv_soeg_grupper(f.facetter)) -> h.fejlgruppe FROM cv_soeg f WHERE f.cpr = h.cpr) END AS gv
             FROM h WHERE h.spand < (SELECT grense FROM st)),
      ryd AS (DELETE FROM cv_soegning WHERE id IN (SELECT id FROM cv_soegning WHERE udloeber < ${now}::timestamptz ORDER BY udloeber LIMIT 100))
      INSERT INTO cv_soegning (id, subjekt, oprettet, udloeber, antal, "cprListe", facetter, "facetterAnslaaet", kriterier)
      SELECT ${id}::uuid, ${subjekt}, ${now}::timestamptz, ${new Date(now.getTime() + SOEGNING_LEVETID_MS)}::timestamptz,
        (SELECT hits FROM g),
        coalesce((SELECT array_agg(cpr::text ORDER BY rang DESC, opdateret DESC, cpr) FROM
          (SELECT cpr, rang, opdateret FROM r ORDER BY rang DESC, opdateret DESC, cpr LIMIT ${SOEG_GRAENSER.dybde}) top), '{}'),
        ${facetter}, ${medFacetter ? sql`(SELECT grense < 1024 FROM st)` : sql`false`}, ${JSON.stringify(k)}::jsonb
      RETURNING id, udloeber, antal, "cprListe", facetter, "facetterAnslaaet", kriterier`;
  }

  /** SearchCVText: a new search (no soegeId) or another page of a stored one. */
  async soeg(p: Principal, input: SoegCvInput): Promise<{ svar: SoegCvSvar; kriterier?: Kriterier }> {
    const side = input.sidenummer ?? 1;
    const prSide = input.resultaterPrSide ?? STANDARD_RESULTATER_PR_SIDE;
    const fra = (side - 1) * prSide;
    if (fra >= SOEG_GRAENSER.dybde) {
      throw ugyldig([{ felt: '/sidenummer', tekst: `ligger ud over de første ${SOEG_GRAENSER.dybde} resultater; indsnævr søgningen` }]);
    }
    let snap: Snapshot;
    if (input.soegeId) {
      const rows = await rawQuery<Snapshot>(
        this.pool,
        Prisma.sql`SELECT id, udloeber, antal, "cprListe", facetter, "facetterAnslaaet", kriterier FROM cv_soegning
          WHERE id = ${input.soegeId.toLowerCase()}::uuid AND subjekt = ${soeger(p)} AND udloeber > ${this.clock.now()}::timestamptz`,
      );
      if (!rows[0]) {
        throw ugyldig([{ felt: '/soegeId', tekst: 'er ukendt eller udløbet (et søge-id gælder 30 minutter og kun for den, der søgte); søg igen uden soegeId' }]);
      }
      snap = rows[0];
    } else {
      const k = await this.kriterier(input);
      // The matching rows are materialised once for the hits and the facets: room for them in memory
      // (about 350 bytes a row; 100,000 rows fit in 48 MB) instead of a temporary file.
      const rows = await rawTransaction<Snapshot>(this.pool, [
        Prisma.sql`SET LOCAL work_mem = '48MB'`,
        this.soegning(k, randomUUID(), soeger(p), input.antalGrupper ?? STANDARD_ANTAL_GRUPPER),
      ]);
      snap = rows[0]!;
    }
    const cprs = snap.cprListe.slice(fra, fra + prSide);
    const personer = await this.side(cprs, snap.kriterier.centrum, p.role !== 'anden-aktoer');
    return {
      svar: {
        soegeId: snap.id,
        udloeber: snap.udloeber.toISOString(),
        sidenummer: side,
        resultaterPrSide: prSide,
        antalResultater: snap.antal,
        antalSider: Math.ceil(Math.min(snap.antal, SOEG_GRAENSER.dybde) / prSide),
        cvPersoner: personer,
        grupper: grupperFra(snap.facetter),
        grupperAnslaaet: snap.facetterAnslaaet,
      },
      ...(input.soegeId ? {} : { kriterier: snap.kriterier }),
    };
  }

  /** The CVs of one page, in the snapshot's order, with the fields a searcher may see; unsearchable ones drop out. */
  private async side(cprs: string[], centrum: Kriterier['centrum'], medCpr: boolean): Promise<CvPerson[]> {
    if (!cprs.length) return [];
    const afstand = centrum
      ? Prisma.sql`earth_distance(ll_to_earth(${centrum.lat}::float8, ${centrum.lon}::float8), ll_to_earth(s.lat, s.lon)) / 1000`
      : Prisma.sql`NULL::float8`;
    const rows = await rawQuery<{
      cpr: string;
      cvNummer: string;
      kommunekode: string | null;
      kommunenavn: string | null;
      fornavn: string;
      efternavn: string;
      postnummer: string | null;
      by: string | null;
      uddannelse: string | null;
      stillinger: string[] | null;
      lat: number | null;
      lon: number | null;
      afstand: number | null;
    }>(
      this.pool,
      Prisma.sql`SELECT s.cpr, k."cvNummer", st.kommunekode, st.kommunenavn, b.fornavn, b.efternavn, s.postnummer, s."by", s.uddannelse,
          s.stillinger, s.lat, s.lon, ${afstand} AS afstand
        FROM unnest(${cprs}::bpchar[]) WITH ORDINALITY u(cpr, i)
        JOIN cv_soeg s ON s.cpr = u.cpr JOIN jobnet_konto k ON k.cpr = s.cpr JOIN borger b ON b.cpr = s.cpr
        LEFT JOIN cv_stamdata st ON st.cpr = s.cpr
        ORDER BY u.i`,
    );
    return rows.map((r) => ({
      ...(medCpr ? { cpr: r.cpr } : {}),
      ...(r.kommunekode && r.kommunenavn ? { kommune: { kommunekode: r.kommunekode, kommunenavn: r.kommunenavn } } : {}),
      cvNummer: r.cvNummer,
      fornavn: r.fornavn,
      efternavn: r.efternavn,
      ...(r.postnummer ? { postnummer: r.postnummer } : {}),
      ...(r.by ? { by: r.by } : {}),
      ...(r.uddannelse ? { hoejesteUddannelse: r.uddannelse } : {}),
      stillingsbetegnelser: r.stillinger ?? [],
      ...(r.lat !== null && r.lon !== null ? { geoPunkt: { lat: r.lat, lon: r.lon } } : {}),
      ...(r.afstand !== null ? { afstandKm: Math.round(r.afstand * 10) / 10 } : {}),
    }));
  }
}

/** The facet pairs [tag:value, count] of a snapshot as the answer's groups, most first. */
export function grupperFra(facetter: [string, number][]): SoegeGrupper {
  const g = Object.fromEntries(FILTRE.filter((f) => f.gruppe).map((f) => [f.gruppe!, [] as SoegeGrupper[keyof SoegeGrupper]])) as SoegeGrupper;
  for (const [t, antal] of facetter) {
    const f = FILTRE.find((x) => x.gruppe && t.startsWith(`${x.tag}:`));
    if (!f) continue;
    const navn = t.slice(2);
    const visningsnavn = f.tag === 'l' ? SPROG[navn] : f.tag === 'k' ? KOEREKORT[navn] : f.tag === 'u' ? UDDANNELSESNIVEAU_NAVNE[navn] : undefined;
    g[f.gruppe!].push({ navn, ...(visningsnavn ? { visningsnavn } : {}), antal });
  }
  for (const liste of Object.values(g)) liste.sort((a, b) => b.antal - a.antal || a.navn.localeCompare(b.navn, 'da'));
  return g;
}
