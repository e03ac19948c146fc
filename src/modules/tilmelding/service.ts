import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import type { Clock } from '../../domain/clock';
import { today } from '../../domain/clock';
import { dayOf } from '../../domain/dage';
import { RuleViolation } from '../../domain/errors';
import { throwViolations } from '../../domain/rule-violations';
import { erInternBruger, kodelisteRegister, type KodelisteRegister } from '../../domain/kodeliste-register';
import type { Principal, Role } from '../../domain/access';
import { personFaktaJoin, personFaktaKolonner, toPersonFakta, type PersonFaktaRow } from '../../db/person-fakta';
import { rawQuery, rawTransaction } from '../../db/sql';
import { borgerLaasStatement } from '../../db/borger-laas';
import { mergedRead } from '../../db/merged-read';
import { readBorgerStatus, requireKnown, requireLiving, unknownCitizen } from '../../services/borger';
import { afmeldingsRegler, inputRegler, tilstandsRegler, type Kildesystem } from './regler';
import { joboenskerCtes, tilJoboensker } from './joboensker';
import type {
  AfmeldingInput,
  FjernFremtidigAfmeldingInput,
  KanTilmeldeSvar,
  TilmeldingInput,
  Tilmeldingshistorik,
  Tilmeldingsstatus,
  TilmeldingSvar,
} from './schemas';

/** The source system of a change, from the token's role (docs/tilmelding.md). */
export function kildesystem(role: Role): Kildesystem {
  if (role === 'borger') return 'Jobnet';
  if (role === 'jobcenter') return 'Jobcenter';
  if (role === 'a-kasse') return 'A-kasse';
  return 'System';
}

/** Who made a change: role and subject of the token, and the source system. */
export interface Aktoer {
  rolle: Role;
  subjekt: string;
  kilde: Kildesystem;
}
export const aktoerAf = (p: Principal): Aktoer => ({ rolle: p.role, subjekt: p.subject, kilde: kildesystem(p.role) });

const kvittering = (now: Date, beskedId: string) => ({ haendelsestidspunkt: now.toISOString(), beskedId });

/** "Current" period on day `idag`: started, and not ended (no afmeldingsdato, or one after today). */
const aktuel = (alias: string, idag: string) =>
  Prisma.sql`${Prisma.raw(alias)}.tilmeldingsdato <= ${idag}::date AND (${Prisma.raw(alias)}.afmeldingsdato IS NULL OR ${Prisma.raw(alias)}.afmeldingsdato > ${idag}::date)`;

/** An existing period that an enrollment from `dato` would lie within or before (4316). */
const overlap = (dato: string) =>
  Prisma.sql`(p.afmeldingsdato IS NULL OR p.afmeldingsdato > ${dato}::date OR p.tilmeldingsdato > ${dato}::date)`;

/** A violation as one entry of KanTilmelde's list (the detail, when it says more, replaces the description). */
const toFejl = (v: RuleViolation) => ({ ...v.fejl[0], beskrivelse: v.detail });

/** An insert of one history row for the period(s) of `source` (a CTE with column id). */
function haendelseInsert(
  source: string,
  haendelse: Prisma.Sql,
  a: Aktoer,
  aarsag: number | null,
  haendelsesdato: Prisma.Sql,
  now: Date,
  beskedId: string,
  detaljer: Prisma.Sql,
): Prisma.Sql {
  return Prisma.sql`INSERT INTO tilmelding_haendelse (id, "tilmeldingId", haendelse, "aktoerRolle", "aktoerSubjekt", kildesystem, aarsag, haendelsesdato, registreret, "beskedId", detaljer)
    SELECT ${randomUUID()}::uuid, s.id, ${haendelse}, ${a.rolle}::varchar, ${a.subjekt}::text, ${a.kilde}::varchar, ${aarsag}::smallint,
           ${haendelsesdato}, ${now}::timestamptz, ${beskedId}::uuid, ${detaljer}
    FROM ${Prisma.raw(source)} s`;
}

export interface AktuelRow {
  cpr: string;
  id: string | null;
  klientkategori: number;
  ledighedsgrad: number;
  tilmeldingsdato: Date;
  kilde: string;
  jobnetFlag: boolean;
  afmeldingsdato: Date | null;
  afmeldingsaarsag: number | null;
}

/** The row of Tilmelding's one read: the person facts, overlap (4316), and whether the input's CV number is anyone's. */
export type TilmeldingLaesRow = PersonFaktaRow & { overlap: boolean; cvNummerKendt: boolean };

/** Tilmelding's read (exported so the benchmark's baseline sends the same statement). */
export function tilmeldingLaesStatement(cpr: string, input: Pick<TilmeldingInput, 'tilmeldingsdato' | 'cvNummer'>): Prisma.Sql {
  const dato = input.tilmeldingsdato;
  return Prisma.sql`SELECT ${personFaktaKolonner(dato)},
        EXISTS (SELECT 1 FROM tilmelding p WHERE p.cpr = b.cpr AND ${overlap(dato)}) AS overlap,
        EXISTS (SELECT 1 FROM jobnet_konto k2 WHERE k2."cvNummer" = ${input.cvNummer ?? null}::char(8)) AS "cvNummerKendt"
      FROM borger b ${personFaktaJoin(dato)} WHERE b.cpr = ${cpr}`;
}

/**
 * Tilmelding's write, one statement: the citizen row (alive, no overlapping period) locked, the
 * period inserted unless another open one exists (the partial unique index decides between
 * concurrent enrollments), its history row, and the job wishes (kodeliste's CTEs) when given.
 */
export function tilmeldingSkrivStatement(a: {
  cpr: string;
  id: string;
  input: TilmeldingInput;
  aktoer: Aktoer;
  now: Date;
  beskedId: string;
  jobnetFlag: boolean;
  joboensker: Prisma.Sql | null;
}): Prisma.Sql {
  const { cpr, id, input, aktoer, now } = a;
  const dato = input.tilmeldingsdato;
  return Prisma.sql`
      WITH b AS (
        SELECT cpr FROM borger WHERE cpr = ${cpr} AND doedsdato IS NULL
          AND NOT EXISTS (SELECT 1 FROM tilmelding p WHERE p.cpr = ${cpr} AND ${overlap(dato)})
        FOR UPDATE
      ), t AS (
        INSERT INTO tilmelding (id, cpr, klientkategori, ledighedsgrad, tilmeldingsdato, haendelsesdato, emailadresse, "eksterntId",
                                kilde, "jobnetFlag", oprettet, opdateret)
        SELECT ${id}::uuid, b.cpr, ${input.klientKategori}::smallint, ${input.ledighedsgrad}::smallint, ${dato}::date,
               ${input.haendelsesdato ?? null}::date, ${input.emailadresse ?? null}::varchar, ${input.eksterntId ?? null}::varchar,
               ${aktoer.kilde}::varchar, ${a.jobnetFlag}::boolean, ${now}::timestamptz, ${now}::timestamptz
        FROM b
        ON CONFLICT (cpr) WHERE afmeldingsdato IS NULL DO NOTHING
        RETURNING id, cpr
      ), h AS (
        ${haendelseInsert('t', Prisma.sql`'Tilmeldt'`, aktoer, null, Prisma.sql`${input.haendelsesdato ?? dato}::date`, now, a.beskedId, Prisma.sql`NULL::jsonb`)}
      )${a.joboensker ? Prisma.sql`, ${a.joboensker}` : Prisma.empty}
      SELECT id FROM t`;
}

/** GetTilmeldingsstatus's statement: the citizen LEFT JOIN the period current on `idag`. */
export function statusStatement(cpr: string, idag: string): Prisma.Sql {
  return statusSelect(idag, Prisma.sql`b.cpr = ${cpr}`);
}

/** The same for many citizens in one statement (the merged read; a citizen that does not exist has no row). */
export function statusManyStatement(cprs: string[], idag: string): Prisma.Sql {
  return statusSelect(idag, Prisma.sql`b.cpr = ANY(${cprs}::bpchar[])`);
}

function statusSelect(idag: string, where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT b.cpr, t.id, t.klientkategori, t.ledighedsgrad, t.tilmeldingsdato, t.kilde, t."jobnetFlag", t.afmeldingsdato, t.afmeldingsaarsag
        FROM borger b LEFT JOIN LATERAL (
          SELECT * FROM tilmelding t WHERE t.cpr = b.cpr AND ${aktuel('t', idag)} ORDER BY t.tilmeldingsdato DESC LIMIT 1
        ) t ON true
        WHERE ${where}`;
}

export function toStatus(r: AktuelRow): Tilmeldingsstatus {
  if (r.id === null) return { tilmeldt: false };
  return {
    tilmeldt: true,
    tilmelding: {
      tilmeldingId: r.id,
      klientKategori: r.klientkategori,
      ledighedsgrad: r.ledighedsgrad,
      tilmeldingsdato: dayOf(r.tilmeldingsdato),
      kildesystem: r.kilde,
      jobnetFlag: r.jobnetFlag,
      ...(r.afmeldingsdato ? { fremtidigAfmelding: { afmeldingsdato: dayOf(r.afmeldingsdato), afmeldingsaarsag: r.afmeldingsaarsag ?? 0 } } : {}),
    },
  };
}

/** The receipt of a new enrollment (Tilmelding's 201 body). */
export function tilmeldingSvar(id: string, now: Date, beskedId: string, input: TilmeldingInput, kilde: Kildesystem): TilmeldingSvar {
  const jobnetFlag = kilde === 'Jobnet';
  return {
    tilmeldingId: id,
    serviceKvittering: kvittering(now, beskedId),
    borgerkvitteringstekst:
      `Du er tilmeldt som ledig fra ${input.tilmeldingsdato}.` +
      (jobnetFlag ? ' Jobcentret bekræfter tilmeldingen, når du har været i kontakt med det.' : '') +
      (input.emailadresse ? ` Kvitteringen sendes også til ${input.emailadresse}.` : ''),
    ingenSelvaktiveringskodeNoedvendig: jobnetFlag,
  };
}

/**
 * Tilmelding: enrollment, de-registration, the JobnetFlag, future de-registrations, status and
 * history. Every write is one statement that checks what can change concurrently (the open
 * period, death) and writes the period and its history row together (docs/write-pattern.md); the
 * rules on facts from other registers are decided in TypeScript from one read before it.
 */
export class TilmeldingService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly clock: Clock,
    private readonly pool: Pool,
  ) {}

  private register(): Promise<KodelisteRegister> {
    return kodelisteRegister(this.prisma);
  }

  /**
   * The citizen's facts on the enrollment date, whether an existing period overlaps (4316) and
   * whether the input's CV number is anyone's: one statement. Throws 404/1010 for an unknown citizen.
   */
  private async tilstand(cpr: string, input: TilmeldingInput, aktoer: Aktoer, register: KodelisteRegister): Promise<RuleViolation[]> {
    const rows = await rawQuery<TilmeldingLaesRow>(this.pool, tilmeldingLaesStatement(cpr, input));
    if (rows.length === 0) throw unknownCitizen();
    return tilstandsRegler({
      cpr,
      idag: today(this.clock),
      kilde: aktoer.kilde,
      input,
      register,
      fakta: toPersonFakta(rows[0]),
      cvNummerKendt: rows[0].cvNummerKendt,
      overlap: rows[0].overlap,
    });
  }

  /** KanTilmelde: the same rules as Tilmelding, every broken one, and nothing written. */
  async kanTilmelde(cpr: string, input: TilmeldingInput, aktoer: Aktoer): Promise<KanTilmeldeSvar> {
    const register = await this.register();
    const fejl = [
      ...inputRegler(input, register, today(this.clock), erInternBruger(aktoer.rolle)),
      ...(await this.tilstand(cpr, input, aktoer, register)),
    ];
    return { tilladt: fejl.length === 0, fejl: fejl.map(toFejl) };
  }

  /**
   * Tilmelding: the rules (first broken one refuses), then one statement that inserts the period,
   * its history row and the job wishes. The statement re-checks what can change concurrently:
   * alive, and no period it would overlap; the partial unique index (one open-ended period per
   * citizen) decides between concurrent enrollments (ON CONFLICT DO NOTHING: the loser gets 4316).
   */
  async tilmeld(cpr: string, input: TilmeldingInput, aktoer: Aktoer): Promise<TilmeldingSvar> {
    const register = await this.register();
    throwViolations(inputRegler(input, register, today(this.clock), erInternBruger(aktoer.rolle)));
    throwViolations(await this.tilstand(cpr, input, aktoer, register));
    const now = this.clock.now();
    const id = randomUUID();
    const beskedId = randomUUID();
    const jobnetFlag = aktoer.kilde === 'Jobnet';
    const joboensker = input.joboensker ? joboenskerCtes(Prisma.raw('t'), tilJoboensker(input.joboensker), now) : null;
    const skriv = tilmeldingSkrivStatement({ cpr, id, input, aktoer, now, beskedId, jobnetFlag, joboensker });
    // With job wishes: the borger row lock first, in a statement of its own, as ReplaceJoboensker
    // takes it (same lock order; see joboenskerCtes). The write then runs on a snapshot taken after
    // any replacement that held the lock has committed; in one statement its DELETE would work on
    // a snapshot from before the wait and leave that replacement's wishes next to these.
    const rows = joboensker
      ? await rawTransaction<{ id: string }>(this.pool, [borgerLaasStatement(cpr), skriv])
      : await rawQuery<{ id: string }>(this.pool, skriv);
    if (rows.length === 0) {
      // Lost to a concurrent enrollment (or the citizen died in between): name the rule.
      requireLiving(await readBorgerStatus(this.prisma, cpr));
      throw new RuleViolation(4316, { felt: '/tilmeldingsdato' });
    }
    return tilmeldingSvar(id, now, beskedId, input, aktoer.kilde);
  }

  /**
   * Afmelding: sets the current period's afmeldingsdato (today: de-registered now; later: a
   * future de-registration, which can be moved by a new Afmelding) in one statement, with the
   * history row. The date window (4322) is today .. the cause's maxDageFrem (30, or 60 for a less
   * intensive effort; docs/tilmelding.md).
   */
  async afmeld(cpr: string, input: AfmeldingInput, aktoer: Aktoer) {
    const idag = today(this.clock);
    throwViolations(
      afmeldingsRegler(input, await this.register(), idag, { intern: erInternBruger(aktoer.rolle), akasse: aktoer.rolle === 'a-kasse' }),
    );
    const dato = input.afmeldingsdato;
    const now = this.clock.now();
    const beskedId = randomUUID();
    const cv = input.cvNummer ?? null;
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH u AS (
        UPDATE tilmelding t SET afmeldingsdato = ${dato}::date, afmeldingsaarsag = ${input.afmeldingsaarsag}::smallint, opdateret = ${now}::timestamptz
        WHERE t.cpr = ${cpr} AND ${aktuel('t', idag)}
          AND (${cv}::char(8) IS NULL OR EXISTS (SELECT 1 FROM jobnet_konto k WHERE k.cpr = t.cpr AND k."cvNummer" = ${cv}::char(8)))
        RETURNING t.id
      ), h AS (
        ${haendelseInsert(
          'u',
          Prisma.sql`${dato > idag ? 'FremtidigAfmeldingRegistreret' : 'Afmeldt'}::varchar`,
          aktoer,
          input.afmeldingsaarsag,
          Prisma.sql`${idag}::date`,
          now,
          beskedId,
          Prisma.sql`jsonb_build_object('afmeldingsdato', ${dato}::text)`,
        )}
      )
      SELECT id FROM u`;
    if (rows.length === 1) return { serviceKvittering: kvittering(now, beskedId) };
    const a = await this.diagnose(cpr, idag, input.cvNummer);
    if (!a.id) throw new RuleViolation(input.cvNummer ? 4105 : 4367);
    throw new Error('Afmelding changed no row, yet every rule holds');
  }

  /** RemoveJobnetFlag: the job centre confirms a Jobnet enrollment (4367 not enrolled, 4677 no flag). */
  async fjernJobnetFlag(cpr: string, aktoer: Aktoer) {
    const idag = today(this.clock);
    const now = this.clock.now();
    const beskedId = randomUUID();
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH u AS (
        UPDATE tilmelding t SET "jobnetFlag" = false, opdateret = ${now}::timestamptz
        WHERE t.cpr = ${cpr} AND ${aktuel('t', idag)} AND t."jobnetFlag"
        RETURNING t.id
      ), h AS (
        ${haendelseInsert('u', Prisma.sql`'JobnetFlagFjernet'`, aktoer, null, Prisma.sql`${idag}::date`, now, beskedId, Prisma.sql`NULL::jsonb`)}
      )
      SELECT id FROM u`;
    if (rows.length === 1) return { serviceKvittering: kvittering(now, beskedId) };
    const a = await this.diagnose(cpr, idag);
    if (!a.id) throw new RuleViolation(4367);
    throw new RuleViolation(4677);
  }

  /**
   * RemoveFutureDeregistration: the citizen, from Jobnet, undoes a registered future
   * de-registration. The CV number is required (9336) and must be the citizen's.
   */
  async fjernFremtidigAfmelding(cpr: string, input: FjernFremtidigAfmeldingInput, aktoer: Aktoer) {
    if (input.cvNummer === undefined) throw new RuleViolation(9336, { felt: '/cvNummer' });
    const idag = today(this.clock);
    const now = this.clock.now();
    const beskedId = randomUUID();
    const rows = await this.prisma.$queryRaw<{ id: string }[]>`
      WITH s AS (
        SELECT t.id, t.afmeldingsdato AS gammel, t.afmeldingsaarsag AS aarsag FROM tilmelding t
        WHERE t.cpr = ${cpr} AND ${aktuel('t', idag)} AND t.afmeldingsdato IS NOT NULL
          AND EXISTS (SELECT 1 FROM jobnet_konto k WHERE k.cpr = t.cpr AND k."cvNummer" = ${input.cvNummer}::char(8))
      ), u AS (
        UPDATE tilmelding t SET afmeldingsdato = NULL, afmeldingsaarsag = NULL, opdateret = ${now}::timestamptz
        FROM s WHERE t.id = s.id AND t.afmeldingsdato > ${idag}::date
        RETURNING t.id, s.gammel, s.aarsag
      ), h AS (
        INSERT INTO tilmelding_haendelse (id, "tilmeldingId", haendelse, "aktoerRolle", "aktoerSubjekt", kildesystem, aarsag, haendelsesdato, registreret, "beskedId", detaljer)
        SELECT ${randomUUID()}::uuid, u.id, 'FremtidigAfmeldingFjernet', ${aktoer.rolle}::varchar, ${aktoer.subjekt}::text, ${aktoer.kilde}::varchar,
               u.aarsag, ${idag}::date, ${now}::timestamptz, ${beskedId}::uuid, jsonb_build_object('afmeldingsdato', u.gammel::text)
        FROM u
      )
      SELECT id FROM u`;
    if (rows.length === 1) return { serviceKvittering: kvittering(now, beskedId) };
    const a = await this.diagnose(cpr, idag, input.cvNummer);
    if (!a.id) throw new RuleViolation(4367);
    throw new RuleViolation(9921);
  }

  /**
   * The failure path of a write: 1010, then the CV number (4103 no Jobnet account, 4400 unknown
   * number, 4102 someone else's), then returns the current period (id null: not enrolled).
   */
  private async diagnose(cpr: string, idag: string, cvNummer?: string) {
    const rows = await this.prisma.$queryRaw<{ id: string | null; cvNummer: string | null; cvNummerKendt: boolean }[]>`
      SELECT t.id, k."cvNummer", EXISTS (SELECT 1 FROM jobnet_konto k2 WHERE k2."cvNummer" = ${cvNummer ?? null}::char(8)) AS "cvNummerKendt"
      FROM borger b
      LEFT JOIN jobnet_konto k ON k.cpr = b.cpr
      LEFT JOIN LATERAL (SELECT t.id FROM tilmelding t WHERE t.cpr = b.cpr AND ${aktuel('t', idag)} LIMIT 1) t ON true
      WHERE b.cpr = ${cpr}`;
    requireKnown(rows[0] ? { doed: false } : null);
    const r = rows[0];
    if (cvNummer !== undefined) {
      if (r.cvNummer === null) throw new RuleViolation(4103, { felt: '/cvNummer' });
      if (r.cvNummer !== cvNummer) throw new RuleViolation(r.cvNummerKendt ? 4102 : 4400, { felt: '/cvNummer' });
    }
    return { id: r.id };
  }

  /**
   * GetTilmeldingsstatus: the period current today, if any; one statement. A hot read (every page
   * of the frontend shows it): concurrent reads share one statement (db/merged-read.ts).
   */
  async status(cpr: string): Promise<Tilmeldingsstatus> {
    const row = await this.statusMerged(cpr);
    if (!row) throw unknownCitizen();
    return toStatus(row);
  }

  private readonly statusMerged = mergedRead(async (cprs: string[]) => {
    const rows = await rawQuery<AktuelRow>(this.pool, statusManyStatement(cprs, today(this.clock)));
    return new Map(rows.map((r) => [r.cpr, r]));
  });

  /** GetTilmeldingshistorik: every period with every change, oldest first; one statement. */
  async historik(cpr: string): Promise<Tilmeldingshistorik> {
    const rows = await this.prisma.$queryRaw<
      (Omit<AktuelRow, 'id'> & {
        id: string | null;
        hId: string | null;
        haendelse: string;
        aktoerRolle: string;
        aktoerSubjekt: string;
        kildesystem: string;
        aarsag: number | null;
        haendelsesdato: Date;
        registreret: Date;
        beskedId: string;
        detaljer: { afmeldingsdato?: string } | null;
      })[]
    >`
      SELECT b.cpr, t.id, t.klientkategori, t.ledighedsgrad, t.tilmeldingsdato, t.kilde, t."jobnetFlag", t.afmeldingsdato, t.afmeldingsaarsag,
             h.id AS "hId", h.haendelse, h."aktoerRolle", h."aktoerSubjekt", h.kildesystem, h.aarsag, h.haendelsesdato, h.registreret, h."beskedId", h.detaljer
      FROM borger b
      LEFT JOIN tilmelding t ON t.cpr = b.cpr
      LEFT JOIN tilmelding_haendelse h ON h."tilmeldingId" = t.id
      WHERE b.cpr = ${cpr}
      ORDER BY t.tilmeldingsdato, min(h.nr) OVER (PARTITION BY t.id), t.id, h.nr`;
    if (rows.length === 0) throw unknownCitizen();
    const perioder: Tilmeldingshistorik['perioder'] = [];
    for (const r of rows) {
      if (r.id === null) continue;
      let p = perioder[perioder.length - 1];
      if (!p || p.tilmeldingId !== r.id) {
        p = {
          tilmeldingId: r.id,
          klientKategori: r.klientkategori,
          ledighedsgrad: r.ledighedsgrad,
          tilmeldingsdato: dayOf(r.tilmeldingsdato),
          ...(r.afmeldingsdato ? { afmeldingsdato: dayOf(r.afmeldingsdato), afmeldingsaarsag: r.afmeldingsaarsag ?? 0 } : {}),
          kildesystem: r.kilde,
          jobnetFlag: r.jobnetFlag,
          aendringer: [],
        };
        perioder.push(p);
      }
      if (r.hId === null) continue;
      p.aendringer.push({
        haendelse: r.haendelse,
        aktoer: { rolle: r.aktoerRolle, subjekt: r.aktoerSubjekt },
        kildesystem: r.kildesystem,
        ...(r.aarsag !== null ? { aarsag: r.aarsag } : {}),
        haendelsesdato: dayOf(r.haendelsesdato),
        registreret: r.registreret.toISOString(),
        beskedId: r.beskedId,
        ...(r.detaljer?.afmeldingsdato ? { afmeldingsdato: r.detaljer.afmeldingsdato } : {}),
      });
    }
    return { perioder };
  }
}
