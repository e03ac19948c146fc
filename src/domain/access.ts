/**
 * Who may do what. Roles are the organisation types of the seeds' "Tilladte organisationer"
 * tables; scopes are the seeds' scope names. A token carries one role, its scopes and,
 * for a citizen, the citizen's own CPR.
 */
export const ROLES = ['borger', 'jobcenter', 'a-kasse', 'anden-aktoer', 'system', 'star'] as const;
export type Role = (typeof ROLES)[number];

export const SCOPES = {
  jobagentRead: 'match.jobagent.read',
  jobagentWrite: 'match.jobagent.write',
  jobagentWriteRead: 'match.jobagent.writeread',
  // --- Kodelister, job wishes and Jobnet accounts (area kodeliste; docs/decisions.md) ---
  kodelisteRead: 'kodeliste.read',
  joboenskerRead: 'joboensker.read',
  joboenskerWrite: 'joboensker.write',
  jobnetKontoWrite: 'jobnetkonto.write',
  // --- Tilmelding: enrollment, de-registration, flags, status and history (area tilmelding) ---
  tilmeldingRead: 'tilmelding.read',
  tilmeldingWrite: 'tilmelding.write',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

// --- Kodelister, job wishes and Jobnet accounts (area kodeliste) ---
/** The scopes of this block each role may be granted (merged into ROLE_SCOPES below). */
export const KODELISTE_ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.kodelisteRead, SCOPES.joboenskerRead, SCOPES.joboenskerWrite],
  jobcenter: [SCOPES.kodelisteRead, SCOPES.joboenskerRead, SCOPES.joboenskerWrite, SCOPES.jobnetKontoWrite],
  'a-kasse': [SCOPES.kodelisteRead, SCOPES.joboenskerRead],
  'anden-aktoer': [SCOPES.kodelisteRead, SCOPES.joboenskerRead],
  system: [SCOPES.kodelisteRead, SCOPES.joboenskerRead, SCOPES.joboenskerWrite, SCOPES.jobnetKontoWrite],
  star: [SCOPES.kodelisteRead, SCOPES.joboenskerRead],
};

// --- Tilmelding (area tilmelding) ---
/** The scopes of this block each role may be granted (merged into ROLE_SCOPES below). */
export const TILMELDING_ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.tilmeldingRead, SCOPES.tilmeldingWrite],
  jobcenter: [SCOPES.tilmeldingRead, SCOPES.tilmeldingWrite],
  'a-kasse': [SCOPES.tilmeldingRead, SCOPES.tilmeldingWrite],
  'anden-aktoer': [],
  system: [SCOPES.tilmeldingRead, SCOPES.tilmeldingWrite],
  star: [SCOPES.tilmeldingRead],
};

/** Every scope a role may be granted (what `npm run token` puts in a token without --scope). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.borger, ...TILMELDING_ROLE_SCOPES.borger],
  jobcenter: [...KODELISTE_ROLE_SCOPES.jobcenter, ...TILMELDING_ROLE_SCOPES.jobcenter],
  'a-kasse': [...KODELISTE_ROLE_SCOPES['a-kasse'], ...TILMELDING_ROLE_SCOPES['a-kasse']],
  'anden-aktoer': [...KODELISTE_ROLE_SCOPES['anden-aktoer'], ...TILMELDING_ROLE_SCOPES['anden-aktoer']],
  system: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.system, ...TILMELDING_ROLE_SCOPES.system],
  star: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.star, ...TILMELDING_ROLE_SCOPES.star],
};

/** What a route demands: any one of `scopes`, and one of `roles`. */
export interface RouteAccess {
  scopes: readonly Scope[];
  roles: readonly Role[];
}

export interface Principal {
  subject: string;
  role: Role;
  scopes: ReadonlySet<string>;
  /** The citizen's own CPR; only on citizen (borger) tokens. */
  cpr?: string;
}

export const READ_JOBAGENT: RouteAccess = {
  scopes: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead],
  roles: ['borger', 'system', 'star'],
};
export const WRITE_JOBAGENT: RouteAccess = {
  scopes: [SCOPES.jobagentWrite, SCOPES.jobagentWriteRead],
  roles: ['borger', 'system'],
};
export const SEARCH_JOBAGENT_BY_EMAIL: RouteAccess = {
  scopes: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead],
  roles: ['system', 'star'],
};
/** The outbox's pending mails (AfventendeMails; not in production): system only. */
export const READ_PENDING_MAILS: RouteAccess = {
  scopes: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead],
  roles: ['system'],
};

// --- Kodelister, job wishes and Jobnet accounts (area kodeliste) -----------------------------
// Own scopes, so a token can read code lists without any citizen data (docs/decisions.md).

/** GetKodeliste: reference data, any role with the read scope. */
export const READ_KODELISTE: RouteAccess = { scopes: [SCOPES.kodelisteRead], roles: ROLES };
/** GetJoboensker ("Jeg søger job som"): the organisations of catalogue 1.7 and the citizen. */
export const READ_JOBOENSKER: RouteAccess = {
  scopes: [SCOPES.joboenskerRead, SCOPES.joboenskerWrite],
  roles: ['borger', 'jobcenter', 'a-kasse', 'anden-aktoer', 'system', 'star'],
};
/** ReplaceJoboensker: the citizen from Jobnet, the job centre and system integrations. */
export const WRITE_JOBOENSKER: RouteAccess = { scopes: [SCOPES.joboenskerWrite], roles: ['borger', 'jobcenter', 'system'] };
/** CreateNewJobnetAccount: the job centre (catalogue 1.8) and system integrations. */
export const CREATE_JOBNET_KONTO: RouteAccess = { scopes: [SCOPES.jobnetKontoWrite], roles: ['jobcenter', 'system'] };

// --- Tilmelding (area tilmelding) ------------------------------------------------------------
// Own scopes tilmelding.read / tilmelding.write (docs/tilmelding.md, "Who may do what").

/** Tilmelding, KanTilmelde: the citizen from Jobnet, the job centre and system integrations. */
export const WRITE_TILMELDING: RouteAccess = { scopes: [SCOPES.tilmeldingWrite], roles: ['borger', 'jobcenter', 'system'] };
/** Afmelding: also the a-kasse (CancelUnemploymentEnrollment: "fra jobcenter og A-kasse"; 9118/9298 are about a-kasser). */
export const AFMELD_TILMELDING: RouteAccess = { scopes: [SCOPES.tilmeldingWrite], roles: ['borger', 'jobcenter', 'a-kasse', 'system'] };
/** GetTilmeldingsstatus, GetTilmeldingshistorik. */
export const READ_TILMELDING: RouteAccess = {
  scopes: [SCOPES.tilmeldingRead, SCOPES.tilmeldingWrite],
  roles: ['borger', 'jobcenter', 'a-kasse', 'system', 'star'],
};
/** RemoveJobnetFlag: the job centre confirms a Jobnet enrollment (UnemploymentEnrollmentService v8). */
export const REMOVE_JOBNET_FLAG: RouteAccess = { scopes: [SCOPES.tilmeldingWrite], roles: ['jobcenter'] };
/** RemoveFutureDeregistration: the citizen from Jobnet (and Jobnet's system integration). */
export const REMOVE_FUTURE_DEREGISTRATION: RouteAccess = { scopes: [SCOPES.tilmeldingWrite], roles: ['borger', 'system'] };
