/**
 * CreateNewJobnetAccount (POST /v1/Tilmelding/JobnetKonto) over HTTP, and the password hashing
 * (scrypt, PHC string) it stores: app.inject against the real PostgreSQL and Redis.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor, v1Headers } from '../helpers/app';
import { createCitizen, createJobnetKonto, randomCpr, testPrisma } from '../helpers/db';
import { fejlkoder } from '../helpers/api';
import { fixedClock } from '../../src/domain/clock';
import { brugernavnFor, generatePassword, hashPassword, PASSWORD_LENGTH, verifyPassword } from '../../src/modules/tilmelding/jobnet-konto';

const URL = '/v1/Tilmelding/JobnetKonto';
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp({ clock: fixedClock('2026-11-29T10:00:00.000Z') });
});
afterAll(async () => {
  await app?.close();
});

const create = (cpr: string, token = tokenFor({ role: 'jobcenter' })) => app.inject({ method: 'POST', url: URL, headers: v1Headers(cpr, token) });

/** A citizen with a Jobnet (CV) account, a fresh 8-digit CV number. */
async function citizenWithAccount(): Promise<{ cpr: string; cvNummer: string }> {
  const { cpr } = await createCitizen();
  return { cpr, cvNummer: await createJobnetKonto(cpr) };
}

describe('CreateNewJobnetAccount', () => {
  it('gives a user name and a strong password once, and stores only a salted scrypt hash of it', async () => {
    const { cpr, cvNummer } = await citizenWithAccount();
    const res = await create(cpr);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body).toEqual({
      serviceKvittering: { haendelsestidspunkt: '2026-11-29T10:00:00.000Z', beskedId: expect.stringMatching(/^[0-9a-f-]{36}$/) },
      brugernavn: brugernavnFor(cvNummer),
      password: expect.stringMatching(new RegExp(`^[A-Za-z2-9]{${PASSWORD_LENGTH}}$`)),
    });
    const konto = await testPrisma().jobnetKonto.findUniqueOrThrow({ where: { cpr } });
    expect(konto.brugernavn).toBe(`jn${cvNummer}`);
    expect(konto.passwordOprettet?.toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(konto.passwordHash).toMatch(/^\$scrypt\$ln=15,r=8,p=3\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(konto.passwordHash).not.toContain(body.password);
    expect(await verifyPassword(body.password, konto.passwordHash!)).toBe(true);
    expect(await verifyPassword(`${body.password}x`, konto.passwordHash!)).toBe(false);
  });

  it('a second call keeps the user name and replaces the password; the old one stops working', async () => {
    const { cpr } = await citizenWithAccount();
    const first = (await create(cpr)).json();
    const second = (await create(cpr, tokenFor({ role: 'system' }))).json();
    expect(second.brugernavn).toBe(first.brugernavn);
    expect(second.password).not.toBe(first.password);
    const { passwordHash } = await testPrisma().jobnetKonto.findUniqueOrThrow({ where: { cpr } });
    expect(await verifyPassword(second.password, passwordHash!)).toBe(true);
    expect(await verifyPassword(first.password, passwordHash!)).toBe(false);
  });

  it('404/4103 a citizen without a Jobnet (CV) account', async () => {
    const { cpr } = await createCitizen();
    const res = await create(cpr);
    expect(res.statusCode).toBe(404);
    expect(fejlkoder(res)).toEqual([4103]);
  });

  it('404/1010 an unknown citizen', async () => {
    const res = await create(randomCpr());
    expect(res.statusCode).toBe(404);
    expect(fejlkoder(res)).toEqual([1010]);
  });

  it('401 without a token', async () => {
    const res = await app.inject({ method: 'POST', url: URL, headers: { 'x-civilRegistrationIdentifier': '0101901234', 'x-requestId': randomUUID() } });
    expect(res.statusCode).toBe(401);
  });

  it('403: the citizen and an a-kasse may not (4575), the job centre needs the scope (1013)', async () => {
    const { cpr } = await citizenWithAccount();
    const citizen = await create(cpr, tokenFor({ cpr }));
    expect(citizen.statusCode).toBe(403);
    expect(fejlkoder(citizen)).toEqual([4575]);
    expect(fejlkoder(await create(cpr, tokenFor({ role: 'a-kasse' })))).toEqual([4575]);
    const noScope = await create(cpr, tokenFor({ role: 'jobcenter', scope: 'joboensker.write' }));
    expect(noScope.statusCode).toBe(403);
    expect(fejlkoder(noScope)).toEqual([1013]);
    expect((await testPrisma().jobnetKonto.findUniqueOrThrow({ where: { cpr } })).passwordHash).toBeNull();
  });
});

describe('passwords', () => {
  it('are 16 characters with lower case, upper case and digits, without look-alikes', () => {
    for (let i = 0; i < 200; i++) {
      const p = generatePassword();
      expect(p).toHaveLength(16);
      expect(p).toMatch(/[a-z]/);
      expect(p).toMatch(/[A-Z]/);
      expect(p).toMatch(/[2-9]/);
      expect(p).not.toMatch(/[0O1lI]/);
    }
  });

  it('hash with a random salt each time; a malformed hash never verifies', async () => {
    const [a, b] = await Promise.all([hashPassword('hemmelig'), hashPassword('hemmelig')]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('hemmelig', a)).toBe(true);
    expect(await verifyPassword('hemmelig', 'hemmelig')).toBe(false);
    expect(await verifyPassword('hemmelig', '$argon2id$v=19$m=1,t=1,p=1$c2FsdA$aGFzaA')).toBe(false);
  });
});
