/**
 * Database helpers for tests. test/global-setup.ts creates and migrates the test database
 * and puts its URL in DATABASE_URL before the workers start.
 *
 * testPrisma() is one client per test file (Jest gives every file its own module registry);
 * it is disconnected automatically after the file's tests (afterAll registered on import).
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Borger, PrismaClient } from '../../src/generated/prisma/client';
import { createPrismaClient } from '../../src/db/client';

/** The API's CPR pattern (DDMMYY + 4 digits, or 0000000000). */
export const CPR_REGEX =
  /^(((((0[1-9]|1[0-9]|2[0-9]|3[0-1])(01|03|05|07|08|10|12))|((0[1-9]|1[0-9]|2[0-9]|30)(04|06|09|11))|((0[1-9]|1[0-9]|2[0-9])(02)))[0-9]{6})|0000000000)$/;

let client: PrismaClient | undefined;

export function testPrisma(): PrismaClient {
  if (!client) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run the tests through Jest (test/global-setup.ts sets it)');
    client = createPrismaClient({ url, poolSize: 4, timeoutMs: 5_000 });
  }
  return client;
}

export async function disconnectTestPrisma(): Promise<void> {
  const c = client;
  client = undefined;
  await c?.$disconnect();
}

if (typeof afterAll === 'function') {
  afterAll(disconnectTestPrisma);
}

/**
 * A random CPR that is a real birth date in the century its 7th digit implies
 * (born 1940-1999, 7th digit 0-3), so it also passes the century-aware validation.
 */
export function randomCpr(): string {
  const start = Date.UTC(1940, 0, 1);
  const end = Date.UTC(1999, 11, 31);
  const d = new Date(start + randomInt(0, Math.floor((end - start) / 86_400_000) + 1) * 86_400_000);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const cpr =
    p2(d.getUTCDate()) +
    p2(d.getUTCMonth() + 1) +
    p2(d.getUTCFullYear() % 100) +
    String(randomInt(0, 4)) +
    String(randomInt(0, 1000)).padStart(3, '0');
  if (!CPR_REGEX.test(cpr)) throw new Error(`randomCpr produced an invalid CPR ${cpr}`);
  return cpr;
}

/**
 * A random CPR for a birth date (YYYY-MM-DD, 1900-2036): the 7th digit gives the century
 * (0-3 for 1900-1999, 4 for 2000-2036), the last three digits are random.
 */
export function cprBornOn(day: string): string {
  const [y, m, d] = day.split('-');
  const d7 = Number(y) >= 2000 ? 4 : randomInt(0, 4);
  return `${d}${m}${y.slice(2)}${d7}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

/** A random 8-digit CV number (the unique index of jobnet_konto catches a clash). */
export const randomCvNummer = () => String(randomInt(20_000_000, 99_999_999));

/** Gives the citizen a Jobnet account with a CV number no one else has; returns the number. */
export async function createJobnetKonto(cpr: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const cvNummer = randomCvNummer();
    const { count } = await testPrisma().jobnetKonto.createMany({ data: [{ cpr, cvNummer }], skipDuplicates: true });
    if (count === 1) return cvNummer;
  }
  throw new Error('createJobnetKonto: could not find an unused CV number in 20 attempts');
}

export interface CitizenOverrides {
  cpr?: string;
  /** Born on this day (YYYY-MM-DD): a random CPR of that birth date. */
  born?: string;
  fornavn?: string;
  efternavn?: string;
  /** Date of death: a Date, or 'YYYY-MM-DD'. */
  doedsdato?: Date | string | null;
}

/**
 * Creates a citizen with a random, valid CPR that no other row uses (retries on the rare
 * collision, also with other workers), so test files never share citizens.
 */
export async function createCitizen(overrides: CitizenOverrides = {}): Promise<Borger> {
  const prisma = testPrisma();
  const doedsdato =
    overrides.doedsdato === undefined || overrides.doedsdato === null
      ? null
      : overrides.doedsdato instanceof Date
        ? overrides.doedsdato
        : new Date(`${overrides.doedsdato}T00:00:00.000Z`);
  for (let attempt = 0; attempt < 20; attempt++) {
    const cpr = overrides.cpr ?? (overrides.born ? cprBornOn(overrides.born) : randomCpr());
    const data = {
      cpr,
      fornavn: overrides.fornavn ?? 'Test',
      efternavn: overrides.efternavn ?? `Borger ${cpr.slice(6)}`,
      doedsdato,
    };
    const { count } = await prisma.borger.createMany({ data: [data], skipDuplicates: true });
    if (count === 1) return prisma.borger.findUniqueOrThrow({ where: { cpr } });
    if (overrides.cpr) throw new Error(`A citizen with CPR ${overrides.cpr} already exists`);
  }
  throw new Error('createCitizen: could not find an unused CPR in 20 attempts');
}

/**
 * An a-kasse membership (the shared fact both Tilmelding and the CV read): a-kasse 1001,
 * Heltidsforsikret (1), from 2010-01-01, open-ended, unless told otherwise.
 */
export async function createAkasseMedlemskab(
  cpr: string,
  m: { akasseNummer?: string; forsikringskategori?: number | null; fraDato?: string; tilDato?: string | null } = {},
): Promise<void> {
  const date = (day: string) => new Date(`${day}T00:00:00.000Z`);
  await testPrisma().akasseMedlemskab.create({
    data: {
      id: randomUUID(),
      cpr,
      akasseNummer: m.akasseNummer ?? '1001',
      akasseNavn: 'Test A-kasse',
      forsikringskategori: m.forsikringskategori === undefined ? 1 : m.forsikringskategori,
      fraDato: date(m.fraDato ?? '2010-01-01'),
      tilDato: m.tilDato ? date(m.tilDato) : null,
    },
  });
}
