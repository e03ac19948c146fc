/**
 * Reads a person's facts (src/domain/person-fakta.ts) for one calendar day in one statement: the
 * one reader of these tables, for every area (Tilmelding's rules, the CV's a-kasse access).
 * `personFaktaKolonner` is the select list, for callers that read more in the same statement
 * (it refers to the citizen as `b`, i.e. `FROM borger b`); `akasseMedlemskabJoin` alone gives the
 * a-kasse membership active on the day (alias `m`), for callers that need only that.
 */
import { Prisma } from '../generated/prisma/client';
import type { PersonFakta } from '../domain/person-fakta';
import type { Db } from '../services/borger';

/** The row the select list gives: the facts, with the active a-kasse membership as flat columns. */
export type PersonFaktaRow = Omit<PersonFakta, 'akasseMedlemskab'> & {
  /** Whether a membership is active on the day (m.id IS NOT NULL). */
  akasseAktiv: boolean;
  akasseNummer: string | null;
  forsikringskategori: number | null;
};

/** The columns of PersonFaktaRow for the citizen `b` on `dag` (YYYY-MM-DD). */
export function personFaktaKolonner(dag: string): Prisma.Sql {
  const d = Prisma.sql`${dag}::date`;
  return Prisma.sql`b.cpr, b.doedsdato IS NOT NULL AS doed, b.kontaktgruppe::int AS kontaktgruppe,
    (SELECT k."cvNummer" FROM jobnet_konto k WHERE k.cpr = b.cpr) AS "cvNummer",
    EXISTS (SELECT 1 FROM udlandsophold u WHERE u.cpr = b.cpr AND u."fraDato" <= ${d} AND (u."tilDato" IS NULL OR u."tilDato" >= ${d})) AS udlandet,
    EXISTS (SELECT 1 FROM midlertidig_udenlandsk_adresse a WHERE a.cpr = b.cpr AND a."fraDato" <= ${d} AND a."tilDato" >= ${d}) AS "midlertidigUdenlandskAdresse",
    ARRAY(SELECT DISTINCT f.fravaerstype::text FROM fravaer f WHERE f.cpr = b.cpr AND f.startdato <= ${d} AND (f.slutdato IS NULL OR f.slutdato >= ${d}) ORDER BY 1) AS fravaer,
    EXISTS (SELECT 1 FROM akasse_medlemskab m WHERE m.cpr = b.cpr) AS "akasseRegistreret",
    m.id IS NOT NULL AS "akasseAktiv", m."akasseNummer", m.forsikringskategori::int AS forsikringskategori`;
}

/** The join that finds the a-kasse membership active on `dag` (alias `m`); put it after `FROM borger b`. */
export function personFaktaJoin(dag: string): Prisma.Sql {
  return akasseMedlemskabJoin(Prisma.sql`${dag}::date`);
}

/**
 * The a-kasse membership of the citizen `b` active on the day `dag` (an SQL date expression: a
 * bound value, or a positional parameter such as Prisma.raw('$2::date') for text statements), as
 * `m` with columns id, "akasseNummer", "akasseNavn", forsikringskategori; all null without one.
 * The latest start wins if registrations overlap.
 */
export function akasseMedlemskabJoin(dag: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEFT JOIN LATERAL (SELECT m.id, m."akasseNummer", m."akasseNavn", m.forsikringskategori FROM akasse_medlemskab m
    WHERE m.cpr = b.cpr AND m."fraDato" <= ${dag} AND (m."tilDato" IS NULL OR m."tilDato" >= ${dag})
    ORDER BY m."fraDato" DESC LIMIT 1) m ON true`;
}

export function toPersonFakta(row: PersonFaktaRow): PersonFakta {
  return {
    cpr: row.cpr,
    doed: row.doed,
    kontaktgruppe: row.kontaktgruppe,
    cvNummer: row.cvNummer,
    udlandet: row.udlandet,
    midlertidigUdenlandskAdresse: row.midlertidigUdenlandskAdresse,
    fravaer: row.fravaer,
    akasseRegistreret: row.akasseRegistreret,
    akasseMedlemskab: row.akasseAktiv ? { akasseNummer: row.akasseNummer, forsikringskategori: row.forsikringskategori } : null,
  };
}

/** The person's facts on `dag`, or null for an unknown CPR. */
export async function readPersonFakta(db: Db, cpr: string, dag: string): Promise<PersonFakta | null> {
  const rows = await db.$queryRaw<PersonFaktaRow[]>`
    SELECT ${personFaktaKolonner(dag)} FROM borger b ${personFaktaJoin(dag)} WHERE b.cpr = ${cpr}`;
  return rows[0] ? toPersonFakta(rows[0]) : null;
}
