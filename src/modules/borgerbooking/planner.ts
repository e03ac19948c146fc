/**
 * The planning system behind Borgerbooking (docs/borgerbooking.md, "The planner integration").
 *
 * In STAR's landscape the offers, slots, caseworkers, deadlines and meetings live in the job
 * centres' planning systems, reached through DFDG. Here this service is the planner itself: the one
 * implementation, DatabasePlanner (db-planner.ts), keeps them in our PostgreSQL. The citizen
 * operations (service.ts) reach the planner only through this interface, and every call goes
 * through `kaldPlanner`, the ONE place that maps a planner failure to the specification's codes:
 *
 * | failure (PlannerFejl.art)      | fejlkode | meaning in the specification                                         |
 * |--------------------------------|----------|----------------------------------------------------------------------|
 * | `utilgaengelig` (unreachable)  | 4769     | The connection to an external bookingsystem could not be established  |
 * | `konfiguration-mangler`        | 9018     | Selfbooking failed because an External bookingsystem configuration is missing |
 * | `kontraktbrud` (bad response)  | 9329     | Response from external planner system violated the wsdl contract      |
 * | `fjernfejl` (unhandled remote) | 9303     | Unhandled error received from the remote system                       |
 *
 * All four are 503 (a dependency failed; the citizen may retry). The database implementation never
 * raises them (its own database failures are the service's 503/8236, as everywhere); another
 * implementation (a remote planner) would. Business answers of the planner (a slot taken, 4819;
 * the citizen already booked, 8273/9220; unknown meeting, 4768) are RuleViolations and pass through.
 */
import { RuleViolation } from '../../domain/errors';
import type { IndkaldelseStatus, Oprindelse } from './koder';

export type PlannerFejlArt = 'utilgaengelig' | 'konfiguration-mangler' | 'kontraktbrud' | 'fjernfejl';

/** A failure of the planning system itself (not a business answer). */
export class PlannerFejl extends Error {
  constructor(
    readonly art: PlannerFejlArt,
    message = `Planning system failure: ${art}`,
  ) {
    super(message);
    this.name = 'PlannerFejl';
  }
}

/** The fejlkode of each planner failure (the table above). */
export const PLANNER_FEJLKODER = {
  utilgaengelig: 4769,
  'konfiguration-mangler': 9018,
  kontraktbrud: 9329,
  fjernfejl: 9303,
} as const satisfies Record<PlannerFejlArt, number>;

/** The codes every operation that calls the planner can answer (all 503). */
export const PLANNER_KODER = [4769, 9018, 9303, 9329] as const;

/** THE mapping: runs a planner call and turns a PlannerFejl into its RuleViolation (503). */
export async function kaldPlanner<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PlannerFejl) throw new RuleViolation(PLANNER_FEJLKODER[err.art], { detail: err.message });
    throw err;
  }
}

// --- What the planner returns -------------------------------------------------------------------

export interface SagsbehandlerRow {
  id: number;
  eksterntId: string;
  fornavne: string;
  mellemnavn: string | null;
  efternavn: string;
  telefonnummer: string | null;
}

export interface MoedetilbudRow {
  id: string;
  kommunekode: string;
  samtaleType: number;
  moedeGruppeType: number;
  samtaleformer: number[];
  lokationsuddybning: string | null;
  vejnavn: string | null;
  husnummer: string | null;
  etage: string | null;
  sideDoer: string | null;
  postnummer: string | null;
  bynavn: string | null;
  landekode: string | null;
  moedeVarighed: number;
  foersteMoedetid: Date | null;
  sidsteMoedetid: Date | null;
  selvbookingTilladt: boolean;
  borgerKanVaelgeSagsbehandler: boolean;
  straksbooking: boolean;
  moedetitel: string;
  moedebeskrivelse: string | null;
  obligatoriskFremmoede: boolean;
  ombookingFristMinutter: number | null;
  aflysningFristMinutter: number | null;
  aktiv: boolean;
  sagsbehandlere: SagsbehandlerRow[];
}

export interface MoedetidRow {
  id: string;
  moedetilbudId: string;
  starttidspunkt: Date;
  pladser: number;
  /** Free seats now: seats minus active bookings and unexpired holds. */
  ledigePladser: number;
  samtaleformer: number[];
  ombookingMulig: boolean;
  aflysningMulig: boolean;
  aktiv: boolean;
  sagsbehandlerIder: number[];
}

export interface FristRow {
  friststatusType: number;
  samtaleType: number;
  fristdato: string;
  sidsteAfholdelsesdato: string;
  straksbooking: boolean;
}

export interface BorgerRow {
  doed: boolean;
  kontaktgruppe: number | null;
}

export interface IndkaldelseRow {
  id: string;
  cpr: string;
  moedetilbudId: string | null;
  moedetidId: string | null;
  oprindelse: Oprindelse;
  status: IndkaldelseStatus;
  organisationKode: number;
  organisationType: number;
  borgerSkalAcceptere: boolean;
  accepteret: boolean;
  ombookingMulig: boolean;
  ombookingFrist: Date | null;
  aflysningMulig: boolean;
  aflysningFrist: Date | null;
  selvbooket: boolean;
  straksbooking: boolean;
  obligatoriskFremmoede: boolean;
  starttidspunkt: Date;
  sluttidspunkt: Date | null;
  samtaleType: number;
  moedeGruppeType: number;
  samtaleform: number;
  moedetitel: string;
  moedebeskrivelse: string | null;
  referencesamtale: boolean;
  visSagsbehandler: boolean;
  lokationsuddybning: string | null;
  bygningsnavn: string | null;
  vejnavn: string | null;
  vejnavnForkortet: string | null;
  husnummer: string | null;
  etage: string | null;
  sideDoer: string | null;
  omraade: string | null;
  postboks: number | null;
  postnummer: string | null;
  bynavn: string | null;
  landekode: string | null;
  digitalKontakt: string | null;
  telefonnummer: string | null;
  borgerSkalRinge: boolean | null;
  akasseDeltager: boolean | null;
  flereMyndigheder: boolean | null;
  deltagere: { navn?: string; eksterntId?: string; deltagerType: number; kontaktoplysninger?: string }[] | null;
  sagsbehandler: SagsbehandlerRow;
}

// --- What the planner is asked to do ---------------------------------------------------------

/** A seat to take: the slot (by offer and start), the chosen form and caseworker (already checked). */
export interface Pladsvalg {
  cpr: string;
  moedetilbud: MoedetilbudRow;
  starttidspunkt: Date;
  samtaleform: number;
  /** The caseworker the citizen chose, or null: the planner picks one of the slot's. */
  sagsbehandlerId: number | null;
  now: Date;
  /** The fejlkode when the slot is full or gone (4819 for bookings and holds, 4767 for rebookings). */
  optagetKode: 4819 | 4767;
}

export interface Reservation extends Pladsvalg {
  /** The meeting the hold is for, when it is for a rebooking. */
  indkaldelseId: string | null;
  udloeber: Date;
}

export interface Booking extends Pladsvalg {
  reservationId: string | null;
  /**
   * Whether the citizen has an active meeting of this samtaleType that started before `now` (it is
   * marked held by the booking). Known from bookingFakta; undefined: the planner looks in the transaction.
   */
  afholdTidligere?: boolean;
}

export interface Ombooking extends Booking {
  indkaldelse: IndkaldelseRow;
}

/** Work to do in the booking's own transaction first (TilmeldOgBook's enrollment), on its connection. */
export type IsammeTransaktion = (query: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>) => Promise<void>;

export interface NyFejlmelding {
  cpr: string;
  moedetilbudId: string | null;
  indkaldelseId: string | null;
  fejlkode: number;
  fejltekst: string | null;
  fejlOphav: number;
  fejlTidspunkt: Date;
  modtaget: Date;
}

/** Everything the rules of a new booking need, read at once (bookingFakta). */
export interface BookingFakta {
  /** null for an unknown citizen. */
  borger: BorgerRow | null;
  /** The offer, active or not; null when unknown. */
  moedetilbud: MoedetilbudRow | null;
  frister: FristRow[];
  /** The caseworker named by eksterntId; null when none was named or it is unknown. */
  sagsbehandler: SagsbehandlerRow | null;
  /** The citizen has an active meeting of the offer's samtaleType starting at or after `now`. */
  aktivAfTypen: boolean;
  /** The citizen has an active meeting of the offer's samtaleType that started before `now`. */
  startetAfTypen: boolean;
}

/** Everything GetSelvbookingMoedetider needs, read at once (moedetiderFakta). */
export interface MoedetiderFakta {
  borger: BorgerRow | null;
  moedetilbud: MoedetilbudRow | null;
  sagsbehandler: SagsbehandlerRow | null;
  /** As moedetider(moedetilbudId, fra, til, now). */
  moedetider: MoedetidRow[];
}

/** Everything the rules of a rebooking need, read at once (ombookingFakta). */
export interface OmbookingFakta {
  borger: BorgerRow | null;
  /** The meeting, any status; null when unknown. */
  indkaldelse: IndkaldelseRow | null;
  /** The offer named, else the meeting's own offer; null when unknown or none. */
  moedetilbud: MoedetilbudRow | null;
  frister: FristRow[];
  sagsbehandler: SagsbehandlerRow | null;
}

/** The planning system as the citizen operations see it. */
export interface Planlaegningssystem {
  /** The citizen's facts the booking rules need; null for an unknown citizen. */
  borger(cpr: string): Promise<BorgerRow | null>;
  frister(cpr: string): Promise<FristRow[]>;
  /** The citizen, the offer, the deadlines, the named caseworker and the citizen's meetings of the offer's type, in one read. */
  bookingFakta(cpr: string, moedetilbudId: string, sagsbehandlerEksterntId: string | null, now: Date): Promise<BookingFakta>;
  /** The citizen, the meeting, the offer (named, else the meeting's), the deadlines and the named caseworker, in one read. */
  ombookingFakta(cpr: string, indkaldelseId: string, moedetilbudId: string | null, sagsbehandlerEksterntId: string | null): Promise<OmbookingFakta>;
  /** The citizen, the offer, the named caseworker and the offer's slots in [fra, til], in one read. */
  moedetiderFakta(cpr: string, moedetilbudId: string, eksterntId: string | null, fra: Date, til: Date, now: Date): Promise<MoedetiderFakta>;
  /** Whether any active self-bookable offer has a free future slot (kanSelvbooke). */
  harLedigeSelvbookingstider(now: Date): Promise<boolean>;
  /** Active self-bookable offers, optionally of one samtaleType / moedeGruppeType. */
  selvbookingMoedetilbud(filter: { samtaleType?: number; moedeGruppeType?: number }): Promise<MoedetilbudRow[]>;
  /** One offer, active or not; null when unknown. */
  moedetilbud(id: string): Promise<MoedetilbudRow | null>;
  /** Active offers for immediate booking of one samtaleType. */
  straksbookingMoedetilbud(samtaleType: number): Promise<MoedetilbudRow[]>;
  /** The active slots of an offer starting in [fra, til] (and not before `now`), with free seats counted at `now`. */
  moedetider(moedetilbudId: string, fra: Date, til: Date, now: Date): Promise<MoedetidRow[]>;
  sagsbehandler(eksterntId: string): Promise<SagsbehandlerRow | null>;
  indkaldelse(id: string): Promise<IndkaldelseRow | null>;
  /** The citizen's meetings (active or held) starting at or after `fra`. */
  indkaldelser(cpr: string, fra: Date): Promise<IndkaldelseRow[]>;
  /** Takes a seat for a hold; returns the hold's id. A new hold releases the citizen's previous one. */
  reserver(r: Reservation): Promise<string>;
  /** Takes a seat (or confirms the hold) and stores the meeting; returns its id. */
  book(b: Booking, foerst?: IsammeTransaktion): Promise<string>;
  /** Moves the meeting to another slot: the new seat taken and the old released in one transaction. */
  ombook(o: Ombooking): Promise<void>;
  /** Cancels the meeting and releases its seat. */
  aflys(indkaldelse: IndkaldelseRow, now: Date): Promise<void>;
  accepter(indkaldelse: IndkaldelseRow, now: Date): Promise<void>;
  gemFejlmelding(f: NyFejlmelding): Promise<void>;
}
