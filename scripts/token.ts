/**
 * Prints a bearer token signed with the local key the embedded server trusts.
 *   npm run token -- --cpr <cpr> [--role <role>] [--scope "<scopes>"] [--sub <subject>] [--org <organisation>] [--hours <n>]
 * Without --scope the token gets every scope the role may have. --org: the organisation a job centre
 * (municipality code, e.g. 751) or an a-kasse (its number) acts for.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config';
import { loadOrCreateLocalKey, signLocalToken } from '../src/auth/local-key';
import { ROLES, ROLE_SCOPES, type Role } from '../src/domain/access';
import { isValidCpr } from '../src/domain/cpr';

function fail(message: string): never {
  process.stderr.write(`${message}\nUsage: npm run token -- --cpr <cpr> [--role ${ROLES.join('|')}] [--scope "<scopes>"] [--sub <subject>] [--org <organisation>] [--hours <n>]\n`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    cpr: { type: 'string' },
    role: { type: 'string', default: 'borger' },
    scope: { type: 'string' },
    sub: { type: 'string' },
    org: { type: 'string' },
    hours: { type: 'string', default: '8' },
  },
});

const role = values.role as Role;
if (!ROLES.includes(role)) fail(`Unknown role '${values.role}'.`);
if (role === 'borger' && !values.cpr) fail('A citizen token needs --cpr.');
if (values.cpr && !isValidCpr(values.cpr)) fail(`'${values.cpr}' is not a valid CPR number.`);
const hours = Number(values.hours);
if (!(hours > 0 && hours <= 24 * 30)) fail('--hours must be between 0 and 720.');

const config = loadConfig();
if (config.auth.jwksUrl) fail('AUTH_JWKS_URL is set: this server trusts an external issuer, not the local key.');

const token = signLocalToken(
  loadOrCreateLocalKey(config.auth.localKeyFile),
  {
    // The subject is opaque: a CPR must not travel in places (keys, logs) where the sub does.
    sub: values.sub ?? (role === 'borger' ? `borger-${createHash('sha256').update(values.cpr!).digest('hex').slice(0, 16)}` : `${role}-demo`),
    role,
    scope: values.scope ?? ROLE_SCOPES[role].join(' '),
    ...(values.cpr && role === 'borger' ? { cpr: values.cpr } : {}),
    ...(values.org ? { org: values.org } : {}),
  },
  hours * 3600_000,
);
process.stdout.write(`${token}\n`);
