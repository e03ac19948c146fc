/**
 * Code lists the seeds name but do not define (catalogue 8.2 item 32). These are the values
 * this service accepts; each list is the single source for schemas and rules.
 */
export const REGIONER = ['Hovedstaden', 'Sjaelland', 'Syddanmark', 'Midtjylland', 'Nordjylland'] as const;
export const ANDRE_OMRAADER = ['Bornholm', 'Groenland', 'Faeroeerne', 'Udlandet'] as const;
export const UDSENDELSESINTERVALLER = ['Dagligt', 'Ugentligt'] as const;
export const HIERARKITYPER = ['Beskaeftigelsesomraade', 'Beskaeftigelsesundergruppe'] as const;
export const ANSAETTELSESVILKAAR = ['Ordinaer', 'Fleksjob', 'Loentilskud', 'Elev', 'Laerling', 'Praktik'] as const;
export const ANSAETTELSESVARIGHEDER = ['Fast', 'Tidsbegraenset', 'Vikariat'] as const;
export const ARBEJDSTIDSTYPER = ['Fuldtid', 'Deltid'] as const;

/** A citizen may keep at most this many job agents / saved searches. */
export const MAX_JOBAGENTER_PR_BORGER = 25;
