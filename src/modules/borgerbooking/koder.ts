/**
 * The code lists of Borgerbooking. BorgerBooking / JobnetCitizenStatusService v10 names the types
 * (InterviewTypeIdentifierType, InterviewFormTypeIdentifierType, InterviewContactTypeIdentifierType,
 * InterviewDeadlineStatusTypeIdentifierType, OrganisationTypeIdentifierType, ClientSystemTypeIdentifier)
 * but gives their values only in a few error texts: interview types 17 and 18 (8270), Jobsamtale
 * (8273), Opfølgningssamtale (9220), rehabiliteringsteam (9121), and fejlOphav 30 DFDG / 32 Jobnet.
 * The other numbers and all names are this service's (docs/borgerbooking.md, "Code lists").
 * The migration's CHECK constraints hold the columns to exactly these values.
 */

/** InterviewTypeIdentifier (SamtaleType). */
export const SAMTALETYPER = {
  1: 'Jobsamtale',
  2: 'Opfoelgningssamtale',
  3: 'Informationsmoede',
  4: 'Samtale med a-kasse',
  5: 'Virksomhedsrettet samtale',
  17: 'Rehabiliteringsteam',
  18: 'Forberedende samtale til rehabiliteringsteam',
} as const;
export type SamtaleType = keyof typeof SAMTALETYPER;
export const SAMTALETYPE_KODER = Object.keys(SAMTALETYPER).map(Number) as SamtaleType[];
export const JOBSAMTALE = 1;
export const OPFOELGNINGSSAMTALE = 2;
/** 8270: rebooking is never possible for these interview types (the rehabilitation team's meetings). */
export const UDEN_OMBOOKING = [17, 18] as const;
/** 9121: interviews in the rehabilitation team. */
export const REHABILITERINGSTEAM = [17, 18] as const;
/**
 * 9121: contact groups for which interviews in the rehabilitation team are not allowed: the a-kasse
 * groups (dagpenge 1, tilmeldt uden ydelse 8, efterløn/seniorer 23). Rehabilitation teams are for
 * citizens on cash benefits, sickness benefits and resource courses (docs/borgerbooking.md).
 */
export const KONTAKTGRUPPER_UDEN_REHABILITERINGSTEAM = [1, 8, 23] as const;

/** InterviewFormTypeIdentifier (MoedeGruppeType). */
export const MOEDEGRUPPETYPER = { 1: 'Individuel', 2: 'Faelles' } as const;
export const MOEDEGRUPPETYPE_KODER = [1, 2] as const;
export const INDIVIDUEL = 1;
export const FAELLES = 2;

/** InterviewContactTypeIdentifier (SamtaleformType). */
export const SAMTALEFORMER = { 1: 'Personligt fremmoede', 2: 'Telefonisk', 3: 'Video', 4: 'Digitalt (skriftligt)' } as const;
export const SAMTALEFORM_KODER = [1, 2, 3, 4] as const;
export const PERSONLIGT_FREMMOEDE = 1;
export const TELEFONISK = 2;

/** InterviewDeadlineStatusTypeIdentifier (FriststatusType). */
export const FRISTSTATUSTYPER = { 1: 'Aaben', 2: 'Overskredet', 3: 'Opfyldt' } as const;
export const FRISTSTATUS_KODER = [1, 2, 3] as const;

/** OrganisationTypeIdentifier of BookingOriginator. */
export const ORGANISATIONSTYPER = { 1: 'Jobcenter', 2: 'A-kasse', 3: 'Anden aktoer', 4: 'STAR', 5: 'Jobnet' } as const;
export const ORGANISATIONSTYPE_KODER = [1, 2, 3, 4, 5] as const;
export const ORGANISATIONSTYPE_JOBCENTER = 1;
export const ORGANISATIONSTYPE_JOBNET = 5;

/** ClientSystemTypeIdentifier of a Fejlmelding: only these two are legal origins (9931 otherwise). */
export const FEJLOPHAV = { 30: 'DFDG', 32: 'Jobnet' } as const;
export const FEJLOPHAV_KODER = [30, 32] as const;

/** Indkaldelse.oprindelse and .status; MoedetidHold.status (the migration's CHECKs). */
export type Oprindelse = 'Indkaldt' | 'Selvbooket' | 'Straksbooket';
export type IndkaldelseStatus = 'Aktiv' | 'Aflyst' | 'Afholdt';
export type HoldStatus = 'Aktiv' | 'Bekraeftet' | 'Udloebet' | 'Frigivet';
