import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import type { PrismaClient } from '../../generated/prisma/client';
import { RuleViolation } from '../../domain/errors';
import { d, ServiceKvittering } from '../../schemas/common';

/**
 * CreateNewJobnetAccount (UnemploymentEnrollmentService v8; formerly CreateNewCvOwnerPassword):
 * the job centre makes a new Jobnet login for a citizen who has a Jobnet (CV) account. The
 * password is generated here, answered once, and stored only as a slow salted scrypt hash in a
 * PHC-style string (docs/decisions.md, Kodelister and Jobnet accounts).
 */

/**
 * scrypt cost N = 2^15, r = 8, p = 3: one of the OWASP Password Storage Cheat Sheet's equivalent
 * minimums (N = 2^17, r = 8, p = 1 would need 128 MiB per hash; this needs 32 MiB). About 0.5 s
 * per hash on the shared, loaded development machine; it runs on libuv's thread pool, not the event loop.
 */
export const SCRYPT_PARAMS = { ln: 15, r: 8, p: 3 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;
/** Password length and alphabet: no look-alikes (0/O, 1/l/I), so it can be read from a letter. 16 of 55 symbols: about 92 bits. */
export const PASSWORD_LENGTH = 16;
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const ALPHABET = LOWER + UPPER + DIGITS;

function scryptAsync(password: string, salt: Buffer, params: { ln: number; r: number; p: number }, keylen: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keylen, { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

const b64 = (b: Buffer) => b.toString('base64').replace(/=+$/, '');

/** `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (PHC string format, base64 without padding). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, SCRYPT_PARAMS, KEY_LENGTH);
  return `$scrypt$ln=${SCRYPT_PARAMS.ln},r=${SCRYPT_PARAMS.r},p=${SCRYPT_PARAMS.p}$${b64(salt)}$${b64(key)}`;
}

/** Checks a password against a PHC string of hashPassword (constant-time compare). */
export async function verifyPassword(password: string, phc: string): Promise<boolean> {
  const m = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc);
  if (!m) return false;
  const expected = Buffer.from(m[5], 'base64');
  const key = await scryptAsync(password, Buffer.from(m[4], 'base64'), { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) }, expected.length);
  return timingSafeEqual(key, expected);
}

/** A random password with at least one lower-case letter, one upper-case letter and one digit. */
export function generatePassword(length = PASSWORD_LENGTH): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < length; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (/[a-z]/.test(password) && /[A-Z]/.test(password) && /[2-9]/.test(password)) return password;
  }
}

/** The login name: "jn" and the CV number (unique, as the CV number is; not a secret). */
export const brugernavnFor = (cvNummer: string) => `jn${cvNummer}`;

export const NyJobnetKontoSvar = Type.Object(
  {
    serviceKvittering: ServiceKvittering,
    brugernavn: Type.String({ description: d('Brugernavnet til Jobnet; uændret hvis borgeren havde et', 'Username') }),
    password: Type.String({
      description: d('Det nye password. Vises kun denne ene gang; tjenesten gemmer kun et saltet scrypt-hash', 'Password'),
    }),
  },
  {
    additionalProperties: false,
    examples: [
      {
        serviceKvittering: { haendelsestidspunkt: '2026-11-29T10:15:00.000Z', beskedId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b' },
        brugernavn: 'jn10000001',
        password: 'q7Rk2mZpX9tHw4Nc',
      },
    ],
  },
);
export type NyJobnetKontoSvar = Static<typeof NyJobnetKontoSvar>;

/**
 * Sets a new password (and a user name, the first time) on the citizen's Jobnet account, in one
 * statement. No account: 404/4103 when the citizen exists, else 404/1010 (one read, on the
 * failure path only). The old password stops working at once.
 */
export async function createNewJobnetAccount(prisma: PrismaClient, cpr: string, now: Date): Promise<{ brugernavn: string; password: string }> {
  const password = generatePassword();
  const hash = await hashPassword(password);
  const rows = await prisma.$queryRaw<{ brugernavn: string }[]>`
    UPDATE jobnet_konto
    SET brugernavn = COALESCE(brugernavn, 'jn' || "cvNummer"), "passwordHash" = ${hash}, "passwordOprettet" = ${now}::timestamptz
    WHERE cpr = ${cpr}
    RETURNING brugernavn`;
  if (rows.length === 1) return { brugernavn: rows[0].brugernavn, password };
  const borger = await prisma.borger.findUnique({ where: { cpr }, select: { cpr: true } });
  throw new RuleViolation(borger ? 4103 : 1010);
}
