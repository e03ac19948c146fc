import { randomUUID } from 'node:crypto';
import type { PrismaClient, Jobagent as JobagentRow } from '../../generated/prisma/client';
import { RuleViolation } from '../../domain/errors';
import { MAX_JOBAGENTER_PR_BORGER } from '../../domain/kodelister';
import { requireBorger, requireLivingBorger } from '../../services/borger';
import type { Jobagent, JobagentInput } from './schemas';

type Soegeparametre = JobagentInput['soegeparametre'];

/**
 * Cross-field rules of a search that a JSON schema cannot say. They are input validation,
 * so they answer 400/1014 with the field as JSON pointer, like schema violations.
 */
export function checkSoegeparametre(soeg: Soegeparametre): void {
  const afstand = soeg.geografi?.afstand;
  if (afstand) {
    if ((afstand.fraPostnummer === undefined) === (afstand.fraKommune === undefined)) {
      throw new RuleViolation(1014, {
        felt: '/soegeparametre/geografi/afstand',
        detail: 'afstand needs exactly one of fraPostnummer and fraKommune',
      });
    }
    if (afstand.minAfstand !== undefined && afstand.minAfstand > afstand.maxAfstand) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/geografi/afstand/minAfstand', detail: 'minAfstand must not exceed maxAfstand' });
    }
  }
  const rejsetid = soeg.geografi?.rejsetid;
  if (rejsetid?.minMinutter !== undefined && rejsetid.minMinutter > rejsetid.maxMinutter) {
    throw new RuleViolation(1014, { felt: '/soegeparametre/geografi/rejsetid/minMinutter', detail: 'minMinutter must not exceed maxMinutter' });
  }
  const tid = soeg.arbejdstid;
  if (tid) {
    const hasHours = tid.deltidMinTimer !== undefined || tid.deltidMaxTimer !== undefined;
    if (tid.arbejdstidstype === 'Fuldtid' && hasHours) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid', detail: 'deltidMinTimer and deltidMaxTimer apply only to Deltid' });
    }
    if (tid.arbejdstidstype === 'Deltid' && tid.deltidMaxTimer === undefined) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid/deltidMaxTimer', detail: 'deltidMaxTimer is required for Deltid' });
    }
    if (tid.deltidMinTimer !== undefined && tid.deltidMaxTimer !== undefined && tid.deltidMinTimer > tid.deltidMaxTimer) {
      throw new RuleViolation(1014, { felt: '/soegeparametre/arbejdstid/deltidMinTimer', detail: 'deltidMinTimer must not exceed deltidMaxTimer' });
    }
  }
}

function toJobagent(row: JobagentRow): Jobagent {
  return {
    jobagentId: row.id,
    titel: row.titel,
    ...(row.email
      ? {
          jobagent: {
            email: row.email,
            emailVerificeret: row.emailVerificeret,
            udsendelsesinterval: row.udsendelsesinterval as NonNullable<Jobagent['jobagent']>['udsendelsesinterval'],
            smsNotifikation: row.smsNotifikation,
          },
        }
      : {}),
    soegeparametre: row.soegeparametre as Soegeparametre,
    oprettet: row.oprettet.toISOString(),
    opdateret: row.opdateret.toISOString(),
  };
}

/** Column values of an input; a changed e-mail must be verified again. */
function toColumns(input: JobagentInput, current?: JobagentRow) {
  const email = input.jobagent ? foldEmail(input.jobagent.email) : null;
  return {
    titel: input.titel,
    email,
    emailVerificeret: email !== null && current?.email === email ? current.emailVerificeret : false,
    udsendelsesinterval: input.jobagent?.udsendelsesinterval ?? null,
    smsNotifikation: input.jobagent?.smsNotifikation ?? false,
    soegeparametre: input.soegeparametre,
  };
}

const notFound = () => new RuleViolation(4589, { felt: '/jobagentId' });

/**
 * E-mail addresses are compared without regard to ASCII case. Only A-Z is folded: full Unicode
 * lower-casing can lengthen a string ('İ' becomes two characters) past the column or the pattern.
 */
export function foldEmail(email: string): string {
  return email.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

export class JobagentService {
  constructor(private readonly prisma: PrismaClient) {}

  /** GetJobagenter: all of the citizen's job agents, oldest first. */
  async list(cpr: string): Promise<Jobagent[]> {
    // One round trip: the citizen (for 1010) with their job agents.
    const borger = await this.prisma.borger.findUnique({
      where: { cpr },
      include: { jobagenter: { orderBy: [{ oprettet: 'asc' }, { id: 'asc' }] } },
    });
    if (!borger) throw new RuleViolation(1010, { felt: '/headers/x-civilRegistrationIdentifier' });
    return borger.jobagenter.map(toJobagent);
  }

  /** GetJobagent: one of the citizen's job agents; another citizen's is as unknown as a missing one. */
  async get(cpr: string, id: string): Promise<Jobagent> {
    await requireBorger(this.prisma, cpr);
    return toJobagent(await this.findOwn(this.prisma, cpr, id));
  }

  /** GetJobagenterPaaEmail: every job agent that mails to the address (system use). */
  async findByEmail(email: string): Promise<Jobagent[]> {
    const rows = await this.prisma.jobagent.findMany({ where: { email: foldEmail(email) }, orderBy: [{ oprettet: 'asc' }, { id: 'asc' }] });
    return rows.map(toJobagent);
  }

  /** CreateJobagent. The citizen row is locked so concurrent creates cannot pass the limit together. */
  async create(cpr: string, input: JobagentInput): Promise<Jobagent> {
    checkSoegeparametre(input.soegeparametre);
    return this.prisma.$transaction(async (tx) => {
      await requireLivingBorger(tx, cpr);
      await tx.$queryRaw`SELECT 1 FROM borger WHERE cpr = ${cpr} FOR UPDATE`;
      const count = await tx.jobagent.count({ where: { cpr } });
      if (count >= MAX_JOBAGENTER_PR_BORGER) {
        throw new RuleViolation(9901, { detail: `A citizen can have at most ${MAX_JOBAGENTER_PR_BORGER} job agents` });
      }
      const row = await tx.jobagent.create({ data: { id: randomUUID(), cpr, ...toColumns(input) } });
      return toJobagent(row);
    });
  }

  /** UpdateJobagent: replaces title, notification and search. */
  async update(cpr: string, id: string, input: JobagentInput): Promise<Jobagent> {
    checkSoegeparametre(input.soegeparametre);
    return this.prisma.$transaction(async (tx) => {
      await requireLivingBorger(tx, cpr);
      const current = await this.findOwn(tx, cpr, id, true);
      const row = await tx.jobagent.update({ where: { id: current.id }, data: toColumns(input, current) });
      return toJobagent(row);
    });
  }

  /** VerificereEmail: marks the job agent's e-mail as verified; 4375 when it has none. */
  async verifyEmail(cpr: string, id: string): Promise<Jobagent> {
    return this.prisma.$transaction(async (tx) => {
      await requireLivingBorger(tx, cpr);
      const current = await this.findOwn(tx, cpr, id, true);
      if (!current.email) throw new RuleViolation(4375, { felt: '/jobagentId', detail: 'The job agent has no e-mail address to verify' });
      const row = await tx.jobagent.update({ where: { id: current.id }, data: { emailVerificeret: true } });
      return toJobagent(row);
    });
  }

  /** DeleteJobagent. Allowed for a deceased citizen too: removing data is never refused. */
  async delete(cpr: string, id: string): Promise<void> {
    await requireBorger(this.prisma, cpr);
    const { count } = await this.prisma.jobagent.deleteMany({ where: { id: id.toLowerCase(), cpr } });
    if (count === 0) throw notFound();
  }

  private async findOwn(db: Pick<PrismaClient, 'jobagent' | '$queryRaw'>, cpr: string, id: string, lock = false) {
    const key = id.toLowerCase();
    if (lock) await db.$queryRaw`SELECT 1 FROM jobagent WHERE id = ${key}::uuid FOR UPDATE`;
    const row = await db.jobagent.findFirst({ where: { id: key, cpr } });
    if (!row) throw notFound();
    return row;
  }
}
