import { randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { borgerLaasStatement } from '../../db/borger-laas';
import { RuleViolation } from '../../domain/errors';
import { throwViolations } from '../../domain/rule-violations';
import type { KodelisteRegister } from '../../domain/kodeliste-register';
import { d, Guid, ServiceKvittering } from '../../schemas/common';

/**
 * Job wishes ("Jeg søger job som"): the occupations a citizen seeks work as, by ESCO STAR
 * conceptUriDa (UnemploymentEnrollmentService v8: ProfessionType; REST v1: JoboenskeDto).
 * Written with an enrollment (Tilmelding) and replaced on their own (ReplaceJoboensker).
 */

/** ProfessionType 0 - 200 (UnemploymentEnrollmentService v8). */
export const MAX_JOBOENSKER = 200;
/** Years before this are not a sensible YearLastUsed (4710). */
export const FOERSTE_AAR_SIDST_BRUGT = 1900;
/** At most 100 years of experience; more is malformed input (1014). */
export const MAX_MAANEDER_MED_ERFARING = 1200;

/** Tømrer (data/kodelister/stillingsbetegnelse.tsv). */
export const EKSEMPEL_CONCEPT_URI = 'http://data.star.dk/esco/occupation/204baa02-d293-5923-b245-bd4cf374fc1b';

/**
 * One job wish as the client sends it (JoboenskeDto). Negative numbers and odd years pass the
 * schema on purpose: the rules answer them with their own fejlkoder (4698, 4710).
 */
export const JoboenskeSchema = Type.Object(
  {
    conceptUriDa: Type.String({
      minLength: 1,
      maxLength: 255,
      description: d('Unik ESCO STAR identifikation på stillingsbetegnelse (se GetKodeliste stillingsbetegnelse)', 'ConceptUriDa'),
      examples: [EKSEMPEL_CONCEPT_URI],
    }),
    aliasIdentifier: Type.Optional(Guid(d('Unik ESCO STAR identifikation på alias; skal høre til stillingsbetegnelsen', 'AliasIdentifier'))),
    harUddannelse: Type.Boolean({ description: d('Om personen har uddannelse for stillingsbetegnelsen', 'HasEducation'), examples: [true] }),
    aarSidstBrugt: Type.Optional(
      Type.Integer({
        minimum: -1_000_000,
        maximum: 1_000_000,
        description: d(`Hvornår personen senest var aktiv i stillingen (årstal, ${FOERSTE_AAR_SIDST_BRUGT} til i år)`, 'YearLastUsed'),
        examples: [2024],
      }),
    ),
    maanederMedErfaring: Type.Optional(
      Type.Integer({
        minimum: -1_000_000,
        maximum: MAX_MAANEDER_MED_ERFARING,
        description: d('Hvor mange måneders erfaring personen har fra stillingen (ikke negativ)', 'MonthsOfExperience'),
        examples: [36],
      }),
    ),
    jobTargetIdentifier: Type.Optional(
      Guid(d('Unik identifier på jobønsket; udelades den, tildeles en ny', 'jobTargetIdentifier')),
    ),
  },
  { additionalProperties: false, description: d('Jobønske/stillingsbetegnelse', 'JoboenskeDto') },
);
export type JoboenskeInput = Static<typeof JoboenskeSchema>;

/** The job wishes of a request (JoboenskeDtoCollection). */
export const JoboenskerSchema = Type.Array(JoboenskeSchema, {
  maxItems: MAX_JOBOENSKER,
  description: d(`Samling af jobønsker, højst ${MAX_JOBOENSKER}`, 'JoboenskeDtoCollection'),
});

/** A stored job wish, as answered. */
export const JoboenskeVisningSchema = Type.Object(
  {
    conceptUriDa: Type.String({ description: d('Unik ESCO STAR identifikation på stillingsbetegnelse', 'ConceptUriDa'), examples: [EKSEMPEL_CONCEPT_URI] }),
    stillingsbetegnelse: Type.String({ description: d('Stillingsbetegnelsens navn', 'ProfessionName'), examples: ['Tømrer'] }),
    aliasIdentifier: Type.Optional(Type.String({ description: d('Unik ESCO STAR identifikation på alias', 'AliasIdentifier') })),
    harUddannelse: Type.Boolean({ description: d('Om personen har uddannelse for stillingsbetegnelsen', 'HasEducation') }),
    aarSidstBrugt: Type.Optional(Type.Integer({ description: d('Hvornår personen senest var aktiv i stillingen', 'YearLastUsed') })),
    maanederMedErfaring: Type.Optional(Type.Integer({ description: d('Måneders erfaring fra stillingen', 'MonthsOfExperience') })),
    jobTargetIdentifier: Type.String({ description: d('Unik identifier på jobønsket', 'jobTargetIdentifier') }),
  },
  { additionalProperties: false, description: d('Jobønske', 'ProfessionType') },
);
export type JoboenskeVisning = Static<typeof JoboenskeVisningSchema>;

export const JoboenskerSvarSchema = Type.Object(
  {
    joboensker: Type.Array(JoboenskeVisningSchema, {
      maxItems: MAX_JOBOENSKER,
      description: d('Borgerens aktuelle jobønsker i den rækkefølge, de blev angivet', 'ProfessionCollection'),
    }),
  },
  { additionalProperties: false, description: d('Uddannelse og erhvervserfaring. Kun aktuel status', 'ProfessionTypeCollection') },
);

export const ErstatJoboenskerInputSchema = Type.Object(
  { joboensker: JoboenskerSchema },
  { additionalProperties: false, description: d('Borgerens nye jobønsker; erstatter alle nuværende (en tom liste sletter dem)', 'Profession') },
);

export const ErstatJoboenskerSvarSchema = Type.Object(
  { serviceKvittering: ServiceKvittering, joboensker: JoboenskerSvarSchema.properties.joboensker },
  { additionalProperties: false },
);

/** A job wish ready to be written: ids lower-case, jobTargetIdentifier assigned. */
export interface Joboenske {
  conceptUriDa: string;
  aliasIdentifier: string | null;
  harUddannelse: boolean;
  aarSidstBrugt: number | null;
  maanederMedErfaring: number | null;
  jobTargetIdentifier: string;
}

/**
 * Every violation of the job wishes on `today` (YYYY-MM-DD, Copenhagen), each with its field
 * (`${felt}/<index>/<field>`), in input order:
 * - 4318 conceptUriDa is not an occupation of the list; 8281 the aliasIdentifier is not an alias of
 *   that occupation; 8282 the occupation is outside its validity (register.checkStillingsbetegnelse);
 * - 9439 the same conceptUriDa a second time;
 * - 1014 the same jobTargetIdentifier a second time;
 * - 4698 a negative aarSidstBrugt or maanederMedErfaring;
 * - 4710 aarSidstBrugt before 1900 or after this year.
 */
export function checkJoboensker(
  joboensker: readonly JoboenskeInput[],
  register: KodelisteRegister,
  today: string,
  felt = '/joboensker',
): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const thisYear = Number(today.slice(0, 4));
  const seenUris = new Set<string>();
  const seenTargets = new Set<string>();
  joboensker.forEach((j, index) => {
    const p = `${felt}/${index}`;
    if (seenUris.has(j.conceptUriDa)) {
      violations.push(new RuleViolation(9439, { felt: `${p}/conceptUriDa` }));
    } else {
      seenUris.add(j.conceptUriDa);
      const stilling = register.checkStillingsbetegnelse(j.conceptUriDa, j.aliasIdentifier, today, p);
      if (stilling) violations.push(stilling);
    }
    if (j.jobTargetIdentifier !== undefined) {
      const target = j.jobTargetIdentifier.toLowerCase();
      if (seenTargets.has(target)) {
        violations.push(new RuleViolation(1014, { felt: `${p}/jobTargetIdentifier`, detail: 'The same jobTargetIdentifier is given twice' }));
      }
      seenTargets.add(target);
    }
    if (j.aarSidstBrugt !== undefined) {
      if (j.aarSidstBrugt < 0) violations.push(new RuleViolation(4698, { felt: `${p}/aarSidstBrugt` }));
      else if (j.aarSidstBrugt < FOERSTE_AAR_SIDST_BRUGT || j.aarSidstBrugt > thisYear) {
        violations.push(new RuleViolation(4710, { felt: `${p}/aarSidstBrugt` }));
      }
    }
    if (j.maanederMedErfaring !== undefined && j.maanederMedErfaring < 0) {
      violations.push(new RuleViolation(4698, { felt: `${p}/maanederMedErfaring` }));
    }
  });
  return violations;
}

/** The job wishes to write (call after checkJoboensker found nothing): a new jobTargetIdentifier where none was given. */
export function tilJoboensker(joboensker: readonly JoboenskeInput[]): Joboenske[] {
  return joboensker.map((j) => ({
    conceptUriDa: j.conceptUriDa,
    aliasIdentifier: j.aliasIdentifier?.toLowerCase() ?? null,
    harUddannelse: j.harUddannelse,
    aarSidstBrugt: j.aarSidstBrugt ?? null,
    maanederMedErfaring: j.maanederMedErfaring ?? null,
    jobTargetIdentifier: j.jobTargetIdentifier?.toLowerCase() ?? randomUUID(),
  }));
}

/**
 * Two data-modifying CTEs (`joboenske_slet`, `joboenske_skriv`) that make the job wishes of the
 * citizen in `source` exactly `joboensker`, for the caller's own statement:
 *
 *     WITH t AS (INSERT INTO tilmelding ... RETURNING cpr), ${joboenskerCtes(Prisma.sql`t`, joboensker, now)}
 *     SELECT ...
 *
 * `source` is a CTE name or a parenthesised subquery with a column `cpr` and zero or one row: no
 * row, nothing written (so a refused enrollment writes no job wishes). The wishes not in the list
 * are deleted, the others inserted or updated (ON CONFLICT on the key (cpr, conceptUriDa); a
 * DELETE and INSERT of the same key in one statement would collide). The job wishes must have
 * passed checkJoboensker (no conceptUriDa twice; every conceptUriDa in the list: a foreign key).
 *
 * Concurrency: two writers of one citizen's job wishes must be serialised by the caller, by locking
 * the citizen's borger row (src/db/borger-laas.ts) in an earlier statement of the same transaction;
 * within one statement the DELETE works on the statement's snapshot, taken before any lock wait in
 * that statement (a FOR UPDATE in a CTE of the same statement is not enough: the DELETE would miss
 * rows a writer that held the lock committed meanwhile). ReplaceJoboensker and Tilmelding both do so.
 */
export function joboenskerCtes(source: Prisma.Sql, joboensker: readonly Joboenske[], now: Date): Prisma.Sql {
  const uris = joboensker.map((j) => j.conceptUriDa);
  return Prisma.sql`joboenske_slet AS (
      DELETE FROM joboenske j USING ${source} s
      WHERE j.cpr = s.cpr AND NOT (j."conceptUriDa" = ANY(${uris}::varchar[]))
      RETURNING 1
    ), joboenske_skriv AS (
      INSERT INTO joboenske (cpr, "conceptUriDa", "aliasIdentifier", "harUddannelse", "aarSidstBrugt",
                             "maanederMedErfaring", "jobTargetIdentifier", position, opdateret)
      SELECT s.cpr, i.uri, i.alias, i.har, i.aar, i.mdr, i.target, i.pos, ${now}::timestamptz
      FROM ${source} s
      CROSS JOIN unnest(
        ${uris}::varchar[],
        ${joboensker.map((j) => j.aliasIdentifier)}::uuid[],
        ${joboensker.map((j) => j.harUddannelse)}::boolean[],
        ${joboensker.map((j) => j.aarSidstBrugt)}::smallint[],
        ${joboensker.map((j) => j.maanederMedErfaring)}::integer[],
        ${joboensker.map((j) => j.jobTargetIdentifier)}::uuid[],
        ${joboensker.map((_, i) => i)}::smallint[]
      ) AS i(uri, alias, har, aar, mdr, target, pos)
      ON CONFLICT (cpr, "conceptUriDa") DO UPDATE SET
        "aliasIdentifier" = EXCLUDED."aliasIdentifier",
        "harUddannelse" = EXCLUDED."harUddannelse",
        "aarSidstBrugt" = EXCLUDED."aarSidstBrugt",
        "maanederMedErfaring" = EXCLUDED."maanederMedErfaring",
        "jobTargetIdentifier" = EXCLUDED."jobTargetIdentifier",
        position = EXCLUDED.position,
        opdateret = EXCLUDED.opdateret
      RETURNING 1
    )`;
}

type Db = Pick<PrismaClient, '$queryRaw' | '$executeRaw'> | Prisma.TransactionClient;

/**
 * Writes the citizen's job wishes inside the caller's (interactive) transaction `tx`, which must
 * already hold the citizen's borger row lock (see joboenskerCtes). Returns false, writing nothing,
 * when the citizen does not exist.
 */
export async function writeJoboensker(tx: Db, cpr: string, joboensker: readonly Joboenske[], now: Date): Promise<boolean> {
  const rows = await tx.$queryRaw<{ borger: number }[]>`
    WITH b AS (SELECT cpr FROM borger WHERE cpr = ${cpr}), ${joboenskerCtes(Prisma.sql`b`, joboensker, now)}
    SELECT count(*)::int AS borger FROM b`;
  return rows[0]?.borger === 1;
}

// --- GetJoboensker / ReplaceJoboensker -------------------------------------------------------

interface JoboenskeRow {
  cpr: string;
  conceptUriDa: string | null;
  aliasIdentifier: string | null;
  harUddannelse: boolean | null;
  aarSidstBrugt: number | null;
  maanederMedErfaring: number | null;
  jobTargetIdentifier: string | null;
}

function visning(register: KodelisteRegister, j: Joboenske): JoboenskeVisning {
  return {
    conceptUriDa: j.conceptUriDa,
    stillingsbetegnelse: register.stillingsbetegnelse(j.conceptUriDa)?.navn ?? j.conceptUriDa,
    ...(j.aliasIdentifier ? { aliasIdentifier: j.aliasIdentifier } : {}),
    harUddannelse: j.harUddannelse,
    ...(j.aarSidstBrugt !== null ? { aarSidstBrugt: j.aarSidstBrugt } : {}),
    ...(j.maanederMedErfaring !== null ? { maanederMedErfaring: j.maanederMedErfaring } : {}),
    jobTargetIdentifier: j.jobTargetIdentifier,
  };
}

/** The citizen's job wishes in the order given; 1010 when the citizen is unknown. One statement. */
export async function getJoboensker(prisma: PrismaClient, register: KodelisteRegister, cpr: string): Promise<JoboenskeVisning[]> {
  const rows = await prisma.$queryRaw<JoboenskeRow[]>`
    SELECT b.cpr, j."conceptUriDa", j."aliasIdentifier"::text AS "aliasIdentifier", j."harUddannelse", j."aarSidstBrugt",
           j."maanederMedErfaring", j."jobTargetIdentifier"::text AS "jobTargetIdentifier"
    FROM borger b LEFT JOIN joboenske j ON j.cpr = b.cpr
    WHERE b.cpr = ${cpr}
    ORDER BY j.position`;
  if (rows.length === 0) throw new RuleViolation(1010);
  return rows
    .filter((r) => r.conceptUriDa !== null)
    .map((r) =>
      visning(register, {
        conceptUriDa: r.conceptUriDa!,
        aliasIdentifier: r.aliasIdentifier,
        harUddannelse: r.harUddannelse!,
        aarSidstBrugt: r.aarSidstBrugt,
        maanederMedErfaring: r.maanederMedErfaring,
        jobTargetIdentifier: r.jobTargetIdentifier!,
      }),
    );
}

/**
 * Replaces every job wish of the citizen (ReplaceJoboensker). All violations of the list are
 * answered together (checkJoboensker); 1010 when the citizen is unknown. A batched transaction:
 * the borger row lock (so concurrent replacements of one citizen apply one after the other, never
 * mixed), then the one statement of joboenskerCtes.
 */
export async function replaceJoboensker(
  prisma: PrismaClient,
  register: KodelisteRegister,
  cpr: string,
  input: readonly JoboenskeInput[],
  now: Date,
  today: string,
): Promise<JoboenskeVisning[]> {
  const violations = checkJoboensker(input, register, today);
  if (violations.length > 0) throwViolations(violations);
  const joboensker = tilJoboensker(input);
  const [, result] = await prisma.$transaction([
    prisma.$queryRaw(borgerLaasStatement(cpr)),
    prisma.$queryRaw<{ borger: number }[]>`
      WITH b AS (SELECT cpr FROM borger WHERE cpr = ${cpr}), ${joboenskerCtes(Prisma.sql`b`, joboensker, now)}
      SELECT count(*)::int AS borger FROM b`,
  ]);
  if (result[0]?.borger !== 1) throw new RuleViolation(1010);
  return joboensker.map((j) => visning(register, j));
}
