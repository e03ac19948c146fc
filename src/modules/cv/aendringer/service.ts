import type { Pool } from 'pg';
import { Prisma } from '../../../generated/prisma/client';
import type { Clock } from '../../../domain/clock';
import type { Principal } from '../../../domain/access';
import { UNKNOWN_CPR } from '../../../domain/cpr';
import { RuleViolation } from '../../../domain/errors';
import { rawQuery } from '../../../db/sql';
import { unknownCitizen } from '../../../services/borger';
import { checkReader, type CvService } from '../service';
import { decodeCursor, encodeCursor, START, type Position } from './cursor';
import {
  AENDRINGER_SIDESTOERRELSE,
  HAENDELSER_STANDARD,
  MAX_VINDUE_DAGE,
  type Aendringsliste,
  type CvHaendelse,
  type HaendelseListe,
  type HaendelserQuery,
} from './schemas';

const DAY_MS = 86_400_000;

/** A time window [fra, til): til after fra (1014 on /til), at most MAX_VINDUE_DAGE long (1014 on /til). */
export function checkWindow(fra: Date, til: Date): void {
  if (til.getTime() <= fra.getTime()) throw new RuleViolation(1014, { felt: '/querystring/til', detail: 'til must be after fra' });
  if (til.getTime() - fra.getTime() > MAX_VINDUE_DAGE * DAY_MS) {
    throw new RuleViolation(1014, {
      felt: '/querystring/til',
      detail: `The period may be at most ${MAX_VINDUE_DAGE} days; split it, or follow the event log (GetCVList) with its cursor`,
    });
  }
}

/**
 * The municipality a feed is limited to: a job centre sees only its own (another: 403/8292; the
 * parameter may be left out), system any or all. Other roles never get here (the route's roles).
 */
export function feedMunicipality(p: Principal, requested: string | undefined): string | undefined {
  if (p.role !== 'jobcenter') return requested;
  if (!p.organisation || (requested !== undefined && requested !== p.organisation)) {
    throw new RuleViolation(8292, { felt: '/querystring/jobcenter', detail: 'A job centre may only list the citizens of its own municipality' });
  }
  return p.organisation;
}

const ELEMENT_TYPE: Record<string, CvHaendelse['haendelsestype']> = { Status: 'CvStatus', Soegbarhed: 'CvSoegbarhed', Cv: 'Cv' };
const AENDRING: Record<string, CvHaendelse['aendringstype']> = { Create: 'Oprettelse', Update: 'Opdatering', Delete: 'Sletning' };

interface EventRow {
  id: string;
  xid: string;
  cpr: string;
  cvNummer: string | null;
  type: string;
  operation: string;
  element: string | null;
  noegle: string | null;
  tidspunkt: Date;
  status: number | null;
}

/** One row of cv_haendelse as GetCVList shows it. */
export function toHaendelse(r: EventRow): CvHaendelse {
  const type = ELEMENT_TYPE[r.type] ?? (r.element as CvHaendelse['haendelsestype']);
  const aendring = AENDRING[r.operation]!;
  const tid = r.tidspunkt.toISOString();
  return {
    haendelseId: r.id,
    cpr: r.cpr,
    ...(r.cvNummer ? { cvNummer: r.cvNummer } : {}),
    haendelsestype: type,
    aendringstype: aendring,
    ...(r.type === 'Element' && r.noegle ? { noegle: r.noegle } : {}),
    ...(r.type === 'Status' && r.status !== null ? { cvStatus: r.status } : {}),
    ...(r.type === 'Soegbarhed' && (r.element === 'Active' || r.element === 'Inactive') ? { soegbarhed: r.element } : {}),
    ...(aendring === 'Oprettelse' ? { oprettetTidspunkt: tid } : { opdateretTidspunkt: tid }),
  };
}

/**
 * The page of the event log after a position. Ordered by (xid, id); only events of transactions
 * that have ended: xid below the oldest transaction still running (pg_snapshot_xmin), so no event
 * can commit later at a position before one already returned. One statement; an InitPlan computes
 * the horizon once, so both bounds are index conditions on cv_haendelse (xid, id). The status of a
 * status event is looked up only for those (a sub-select, not a join filtered after the lookup).
 */
export function eventPageSql(after: Position, limit: number, filter: { cpr?: string; kommunekode?: string }): Prisma.Sql {
  return Prisma.sql`SELECT h.id::text AS id, h.xid::text AS xid, h.cpr, h."cvNummer", h.type, h.operation, h.element, h.noegle, h.tidspunkt,
      CASE WHEN h.type = 'Status' THEN (SELECT v.status FROM cv_version v WHERE v.id = h."versionId") END AS status
    FROM cv_haendelse h
    ${filter.kommunekode ? Prisma.sql`JOIN cv_stamdata s ON s.cpr = h.cpr AND s.kommunekode = ${filter.kommunekode}` : Prisma.empty}
    WHERE (h.xid, h.id) > (${after.xid.toString()}::xid8, ${after.id.toString()}::bigint)
      AND h.xid < (SELECT pg_snapshot_xmin(pg_current_snapshot()))
      ${filter.cpr ? Prisma.sql`AND h.cpr = ${filter.cpr}` : Prisma.empty}
    ORDER BY h.xid, h.id
    LIMIT ${limit}`;
}

/**
 * The CPRs whose CV changed in [fra, til) (optionally of one municipality), their latest change in the
 * window and whether the CV was deleted in it, one page in CPR order, and how many there are in all.
 */
export function windowPageSql(fra: Date, til: Date, side: number, kommunekode?: string): Prisma.Sql {
  return Prisma.sql`WITH g AS MATERIALIZED (
      SELECT h.cpr, max(h.tidspunkt) AS rev, bool_or(h.type = 'Cv' AND h.operation = 'Delete') AS slettet
      FROM cv_haendelse h
      ${kommunekode ? Prisma.sql`JOIN cv_stamdata s ON s.cpr = h.cpr AND s.kommunekode = ${kommunekode}` : Prisma.empty}
      WHERE h.tidspunkt >= ${fra}::timestamptz AND h.tidspunkt < ${til}::timestamptz
      GROUP BY h.cpr
    ), p AS (SELECT * FROM g ORDER BY cpr LIMIT ${AENDRINGER_SIDESTOERRELSE} OFFSET ${(side - 1) * AENDRINGER_SIDESTOERRELSE})
    SELECT (SELECT count(*) FROM g)::int AS total,
           (SELECT coalesce(json_agg(json_build_array(p.cpr, (extract(epoch FROM p.rev) * 1000)::bigint, p.slettet) ORDER BY p.cpr), '[]') FROM p) AS rows`;
}

/**
 * The change feeds of the CV area: the changed CVs of a time window (GetCVUpdateList, GetUpdatedCVs)
 * and the event log with an exactly-once cursor (GetCVList). Reads only; the events are written by
 * the CV writes themselves (src/modules/cv/service.ts) in their transactions.
 */
export class CvAendringerService {
  constructor(
    private readonly clock: Clock,
    private readonly pool: Pool,
    private readonly cv: Pick<CvService, 'context'>,
  ) {}

  /** GetCVUpdateList (til defaults to now) and GetUpdatedCVs (til required, a municipality optional). */
  async aendringsliste(q: { fra: string; til?: string; side?: number; kommunekode?: string }): Promise<Aendringsliste> {
    const now = this.clock.now();
    const fra = new Date(q.fra);
    const til = q.til ? new Date(q.til) : now;
    checkWindow(fra, til);
    const side = q.side ?? 1;
    const [row] = await rawQuery<{ total: number; rows: [string, string | number, boolean][] }>(this.pool, windowPageSql(fra, til, side, q.kommunekode));
    const total = row?.total ?? 0;
    return {
      fra: fra.toISOString(),
      til: til.toISOString(),
      udtraekstidspunkt: now.toISOString(),
      sidsteSide: Math.max(1, Math.ceil(total / AENDRINGER_SIDESTOERRELSE)),
      cver: (row?.rows ?? []).map(([cpr, rev, slettet]) => ({ cpr, revisionstidspunkt: new Date(Number(rev)).toISOString(), slettet })),
    };
  }

  /**
   * GetCVList: the events after the cursor. For one citizen (the CPR header; the CV read rules:
   * 1010, 4511, 8292, 4385, 8291), or with 0000000000 all citizens' (system; a job centre only its
   * municipality's, 8292; others 4575).
   */
  async haendelser(p: Principal, cpr: string, q: HaendelserQuery): Promise<HaendelseListe> {
    const after = q.efter ? decodeCursor(q.efter) : START;
    let filter: { cpr?: string; kommunekode?: string };
    if (cpr === UNKNOWN_CPR) {
      if (p.role !== 'system' && p.role !== 'jobcenter') {
        throw new RuleViolation(4575, { detail: 'The event log of all CVs is for system and job centres; give a citizen\'s CPR' });
      }
      filter = { kommunekode: feedMunicipality(p, q.jobcenter) };
    } else {
      if (p.role === 'anden-aktoer') throw new RuleViolation(4511);
      const ctx = await this.cv.context(cpr);
      if (!ctx) throw unknownCitizen();
      checkReader(p, ctx);
      filter = { cpr, kommunekode: q.jobcenter };
    }
    const limit = q.antal ?? HAENDELSER_STANDARD;
    const rows = await rawQuery<EventRow>(this.pool, eventPageSql(after, limit, filter));
    const last = rows[rows.length - 1];
    return {
      haendelser: rows.map(toHaendelse),
      naesteMarkoer: encodeCursor(last ? { xid: BigInt(last.xid), id: BigInt(last.id) } : after),
      flere: rows.length === limit,
    };
  }
}
