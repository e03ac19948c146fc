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
  /** CV asylum transition dates (CreateAsylumTransition, UpdateAsylumTransition): job centres. */
  cvAsylovergangWrite: 'match.cv.asylovergang.write',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** Every scope a role may be granted (what `npm run token` puts in a token without --scope). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead],
  jobcenter: [SCOPES.cvAsylovergangWrite],
  'a-kasse': [],
  'anden-aktoer': [],
  system: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead],
  star: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead],
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

// --- CV: asylum transition (src/modules/cv/asyl) ---
/** CreateAsylumTransition / UpdateAsylumTransition: the job centre only. */
export const WRITE_ASYLOVERGANG: RouteAccess = {
  scopes: [SCOPES.cvAsylovergangWrite],
  roles: ['jobcenter'],
};
