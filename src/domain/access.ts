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
  // CV (CVService, CVWorkFlowService); see the CV block below.
  cvRead: 'match.cv.read',
  cvWrite: 'match.cv.write',
  cvStatusWrite: 'match.cv.status.write',
  cvAdgangslogRead: 'match.cv.adgangslog.read',
  /** CV asylum transition dates (CreateAsylumTransition, UpdateAsylumTransition): job centres. */
  cvAsylovergangWrite: 'match.cv.asylovergang.write',
} as const;
export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/** Every scope a role may be granted (what `npm run token` puts in a token without --scope). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, SCOPES.cvRead, SCOPES.cvWrite],
  jobcenter: [SCOPES.cvRead, SCOPES.cvStatusWrite, SCOPES.cvAsylovergangWrite],
  'a-kasse': [SCOPES.cvRead, SCOPES.cvStatusWrite],
  'anden-aktoer': [SCOPES.cvRead],
  system: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, SCOPES.cvRead, SCOPES.cvAdgangslogRead],
  star: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead, SCOPES.cvAdgangslogRead],
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
  /**
   * The organisation the token acts for (claim `org`): a job centre's municipality code (3 digits),
   * an a-kasse's number, an other actor's id. Decides which citizens a job centre or a-kasse serves.
   */
  organisation?: string;
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

// ---------------------------------------------------------------------------------------------
// CV (CVService, CVWorkFlowService; src/modules/cv). docs/decisions.md, "CV", has the matrix.
// - The citizen reads (GetCV, GetCVStatus, versions) and replaces their own CV and sets its
//   searchability (ReplaceCV, UpdateCVAvailability).
// - A job centre reads the CVs of the citizens of its municipality (else 403/8292) and sets their
//   status; an a-kasse those of its members (no a-kasse: 422/4385, another a-kasse: 403/8291).
// - An other actor (anden aktør) reaches a CV only by CV number with the citizen's consent; every
//   other CV read answers 403/4511. The roles a route does not list get 403/4575.
// - System reads every CV; STAR and system read the audit log of CV reads.

/** GetCV, GetCVStatus, GetAvailableVersions, GetCVOnStatus (and the PDFs). The service decides 4511/8291/8292/4385. */
export const READ_CV: RouteAccess = {
  scopes: [SCOPES.cvRead],
  roles: ['borger', 'jobcenter', 'a-kasse', 'anden-aktoer', 'system'],
};
/** ReplaceCV, UpdateCVAvailability: the citizen only. */
export const WRITE_CV: RouteAccess = {
  scopes: [SCOPES.cvWrite],
  roles: ['borger'],
};
/** SetCVStatus (UpdateCVStatus): job centres and a-kasser, for the citizens they serve. */
export const SET_CV_STATUS: RouteAccess = {
  scopes: [SCOPES.cvStatusWrite],
  roles: ['jobcenter', 'a-kasse'],
};
/** GetCVByCVNumber: with the citizen's consent (9192); not the citizen (who uses GetCV) and not STAR. */
export const READ_CV_BY_NUMBER: RouteAccess = {
  scopes: [SCOPES.cvRead],
  roles: ['jobcenter', 'a-kasse', 'anden-aktoer', 'system'],
};
/** The audit log of CV reads: STAR and system only. */
export const READ_CV_ADGANGSLOG: RouteAccess = {
  scopes: [SCOPES.cvAdgangslogRead],
  roles: ['system', 'star'],
};

// --- CV: asylum transition (src/modules/cv/asyl) ---
/** CreateAsylumTransition / UpdateAsylumTransition: the job centre only. */
export const WRITE_ASYLOVERGANG: RouteAccess = {
  scopes: [SCOPES.cvAsylovergangWrite],
  roles: ['jobcenter'],
};
