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
  // CV (CVService, CVWorkFlowService); see the CV block below.
  cvRead: 'match.cv.read',
  cvWrite: 'match.cv.write',
  cvStatusWrite: 'match.cv.status.write',
  cvAdgangslogRead: 'match.cv.adgangslog.read',
  /** CV asylum transition dates (CreateAsylumTransition, UpdateAsylumTransition): job centres. */
  cvAsylovergangWrite: 'match.cv.asylovergang.write',
  // --- Borgerbooking (BorgerBooking / JobnetCitizenStatusService v10; area borgerbooking) ---
  /** The citizen's booking reads: status, offers, timeslots, meetings. */
  borgerbookingRead: 'borgerbooking.read',
  /** The citizen's booking writes: hold, book, rebook, cancel, accept, error report, TilmeldOgBook. */
  borgerbookingWrite: 'borgerbooking.write',
  /** The planning side (offers, slots, caseworkers, deadlines, summons, error reports): job centres and system. */
  borgerbookingPlanlaegning: 'borgerbooking.planlaegning',
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

// --- Borgerbooking (area borgerbooking) ---
/** The scopes of this block each role may be granted (merged into ROLE_SCOPES below). */
export const BORGERBOOKING_ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.borgerbookingRead, SCOPES.borgerbookingWrite],
  jobcenter: [SCOPES.borgerbookingPlanlaegning],
  'a-kasse': [],
  'anden-aktoer': [],
  system: [SCOPES.borgerbookingRead, SCOPES.borgerbookingWrite, SCOPES.borgerbookingPlanlaegning],
  star: [],
};

/** Every scope a role may be granted (what `npm run token` puts in a token without --scope). */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  borger: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.borger, ...TILMELDING_ROLE_SCOPES.borger, SCOPES.cvRead, SCOPES.cvWrite, ...BORGERBOOKING_ROLE_SCOPES.borger],
  jobcenter: [...KODELISTE_ROLE_SCOPES.jobcenter, ...TILMELDING_ROLE_SCOPES.jobcenter, SCOPES.cvRead, SCOPES.cvStatusWrite, SCOPES.cvAsylovergangWrite, ...BORGERBOOKING_ROLE_SCOPES.jobcenter],
  'a-kasse': [...KODELISTE_ROLE_SCOPES['a-kasse'], ...TILMELDING_ROLE_SCOPES['a-kasse'], SCOPES.cvRead, SCOPES.cvStatusWrite, ...BORGERBOOKING_ROLE_SCOPES['a-kasse']],
  'anden-aktoer': [...KODELISTE_ROLE_SCOPES['anden-aktoer'], ...TILMELDING_ROLE_SCOPES['anden-aktoer'], SCOPES.cvRead, ...BORGERBOOKING_ROLE_SCOPES['anden-aktoer']],
  system: [SCOPES.jobagentRead, SCOPES.jobagentWrite, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.system, ...TILMELDING_ROLE_SCOPES.system, SCOPES.cvRead, SCOPES.cvAdgangslogRead, ...BORGERBOOKING_ROLE_SCOPES.system],
  star: [SCOPES.jobagentRead, SCOPES.jobagentWriteRead, ...KODELISTE_ROLE_SCOPES.star, ...TILMELDING_ROLE_SCOPES.star, SCOPES.cvAdgangslogRead, ...BORGERBOOKING_ROLE_SCOPES.star],
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

// --- Borgerbooking (area borgerbooking; docs/borgerbooking.md, "Who may do what") -------------
// The specification names no organisations: every operation is the citizen's own, from Jobnet
// (the CPR in the header). Jobnet's system integration may act for a citizen too. The planning
// side is for job centres and system integrations only; a citizen token gets 403.

/** The citizen's reads: GetBorgerstatus, GetSelvbookingMoedetilbud, GetSelvbookingMoedetider, GetIndkaldelser, ... */
export const READ_BORGERBOOKING: RouteAccess = {
  scopes: [SCOPES.borgerbookingRead, SCOPES.borgerbookingWrite],
  roles: ['borger', 'system'],
};
/** The citizen's writes: ReserverMoedetid, CreateBooking, CreateOmbooking, DeleteBooking, SaveIndkaldelsesaccept, CreateFejlmelding. */
export const WRITE_BORGERBOOKING: RouteAccess = { scopes: [SCOPES.borgerbookingWrite], roles: ['borger', 'system'] };
/** TilmeldOgBook: enrolls too, so it needs the Tilmelding write scope as well (checked in the route). */
export const TILMELD_OG_BOOK: RouteAccess = { scopes: [SCOPES.borgerbookingWrite], roles: ['borger', 'system'] };
/** The planning API (/v1/Borgerbooking/Planlaegning/...): job centres and system; citizens get 403. */
export const PLANLAEGNING_BORGERBOOKING: RouteAccess = { scopes: [SCOPES.borgerbookingPlanlaegning], roles: ['jobcenter', 'system'] };
