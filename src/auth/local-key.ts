import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createSigner } from 'fast-jwt';
import type { Role } from '../domain/access';

/**
 * The local signing key of the embedded default and the tests: an ES256 key pair kept in a
 * PEM file under the git-ignored data folder, made on first use. Production verifies against
 * AUTH_JWKS_URL instead and never reads this file.
 */
export const LOCAL_ISSUER = 'jobnet-citizen-api-local';
export const LOCAL_KID = 'local-1';

export interface LocalKey {
  privateKeyPem: string;
  publicKeyPem: string;
}

export function loadOrCreateLocalKey(file: string): LocalKey {
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(file, 'utf8');
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      writeFileSync(file, pem, { flag: 'wx', mode: 0o600 });
    } catch {
      // Another process made it first: use theirs so both sign and verify alike.
    }
    privateKeyPem = readFileSync(file, 'utf8');
  }
  const publicKeyPem = createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString();
  return { privateKeyPem, publicKeyPem };
}

export interface TokenClaims {
  sub: string;
  role: Role;
  scope: string;
  cpr?: string;
}

export function signLocalToken(key: LocalKey, claims: TokenClaims, expiresInMs = 8 * 3600_000): string {
  const sign = createSigner({
    key: key.privateKeyPem,
    algorithm: 'ES256',
    kid: LOCAL_KID,
    iss: LOCAL_ISSUER,
    expiresIn: expiresInMs,
  });
  return sign({ ...claims });
}
