/**
 * Borgerbooking's citizen operations (BorgerBooking / JobnetCitizenStatusService v10): the rules,
 * each with its fejlkode, decided here; the data and the seats are the planning system's
 * (planner.ts, reached only through `kaldPlanner`, which maps planner failures to 4769/9018/9303/9329).
 * docs/borgerbooking.md lists the codes per operation.
 */
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { Prisma, type PrismaClient } from '../../generated/prisma/client';
import { businessDay, today, type Clock } from '../../domain/clock';
import { RuleViolation } from '../../domain/errors';
import { throwViolations } from '../../domain/rule-violations';
import { OP_TIL_TI_DAGE_TILBAGE } from '../../domain/tilmeldingsdato';
import { erInternBruger, kodelisteRegister } from '../../domain/kodeliste-register';
import { toPersonFakta } from '../../db/person-fakta';
import { borgerLaasStatement } from '../../db/borger-laas';
import { unknownCitizen } from '../../services/borger';
import { inputRegler, tilstandsRegler } from '../tilmelding/regler';
import { tilmeldingLaesStatement, tilmeldingSkrivStatement, tilmeldingSvar, type Aktoer, type TilmeldingLaesRow } from '../tilmelding/service';
import { joboenskerCtes, tilJoboensker } from '../tilmelding/joboensker';
import {
  FEJLOPHAV_KODER,
  KONTAKTGRUPPER_UDEN_REHABILITERINGSTEAM,
  MOEDEGRUPPETYPE_KODER,
  REHABILITERINGSTEAM,
  SAMTALEFORM_KODER,
  SAMTALETYPE_KODER,
} from './koder';
import { alleredeBooket } from './db-planner';
import {
  kaldPlanner,
  type BorgerRow,
  type FristRow,
  type IndkaldelseRow,
  type MoedetidRow,
  type MoedetilbudRow,
  type Planlaegningssystem,
  type SagsbehandlerRow,
} from './planner';
import type { BookingInput, FejlmeldingInput, OmbookingInput, ReservationInput, TilmeldOgBookInput } from './schemas';

const inList = (list: readonly number[], v: number) => list.includes(v);

/** The API shape of a caseworker. */
function sagsbehandlerUd(s: SagsbehandlerRow) {
  return { fornavne: s.fornavne, ...(s.mellemnavn ? { mellemnavn: s.mellemnavn } : {}), efternavn: s.efternavn, eksterntId: s.eksterntId };
}

function moedeLokation(t: Pick<MoedetilbudRow, 'lokationsuddybning' | 'vejnavn' | 'husnummer' | 'etage' | 'sideDoer' | 'postnummer' | 'bynavn' | 'landekode'>) {
  const adresse = t.vejnavn
    ? {
        vejnavn: t.vejnavn,
        husnummer: t.husnummer!,
        ...(t.etage ? { etage: t.etage } : {}),
        ...(t.sideDoer ? { sideDoer: t.sideDoer } : {}),
        postnummer: t.postnummer!,
        bynavn: t.bynavn!,
        ...(t.landekode ? { landekode: t.landekode } : {}),
      }
    : undefined;
  if (!adresse && !t.lokationsuddybning) return undefined;
  return { ...(t.lokationsuddybning ? { lokationsuddybning: t.lokationsuddybning } : {}), ...(adresse ? { adresse } : {}) };
}

function tilbudUd(t: MoedetilbudRow) {
  const lokation = moedeLokation(t);
  return {
    moedetilbudId: t.id,
    samtaleType: t.samtaleType,
    moedeGruppeType: t.moedeGruppeType,
    samtaleformer: t.samtaleformer,
    ...(lokation ? { moedeLokation: lokation } : {}),
    moedeVarighed: t.moedeVarighed,
    ...(t.foersteMoedetid ? { foersteMoedetid: new Date(t.foersteMoedetid).toISOString() } : {}),
    ...(t.sidsteMoedetid ? { sidsteMoedetid: new Date(t.sidsteMoedetid).toISOString() } : {}),
    borgerKanVaelgeSagsbehandler: t.borgerKanVaelgeSagsbehandler,
    moedetitel: t.moedetitel,
    ...(t.moedebeskrivelse ? { moedebeskrivelse: t.moedebeskrivelse } : {}),
    sagsbehandlere: t.sagsbehandlere.map(sagsbehandlerUd),
  };
}

function moedetidUd(m: MoedetidRow) {
  return {
    starttidspunkt: m.starttidspunkt.toISOString(),
    samtaleformer: m.samtaleformer,
    ombookingMulig: m.ombookingMulig,
    aflysningMulig: m.aflysningMulig,
    maksimaltMoededeltagerantal: m.pladser,
    antalLedigePladser: m.ledigePladser,
    bookbareSagsbehandlerIder: m.sagsbehandlerIder,
  };
}

/** The caseworkers the slots refer to (BookbareSagsbehandlere). */
function bookbare(tilbud: MoedetilbudRow[], slots: MoedetidRow[]) {
  const ids = new Set(slots.flatMap((m) => m.sagsbehandlerIder));
  const seen = new Map<number, SagsbehandlerRow>();
  for (const t of tilbud) for (const s of t.sagsbehandlere) if (ids.has(s.id)) seen.set(s.id, s);
  return [...seen.values()].sort((a, b) => a.id - b.id).map((s) => ({ id: s.id, sagsbehandler: sagsbehandlerUd(s) }));
}

export function indkaldelseUd(i: IndkaldelseRow) {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : undefined);
  const adresse = i.vejnavn
    ? {
        ...(i.bygningsnavn ? { bygningsnavn: i.bygningsnavn } : {}),
        vejnavn: i.vejnavn,
        ...(i.vejnavnForkortet ? { vejnavnForkortet: i.vejnavnForkortet } : {}),
        husnummer: i.husnummer!,
        ...(i.etage ? { etage: i.etage } : {}),
        ...(i.sideDoer ? { sideDoer: i.sideDoer } : {}),
        ...(i.omraade ? { omraade: i.omraade } : {}),
        ...(i.postboks !== null ? { postboks: i.postboks } : {}),
        postnummer: i.postnummer!,
        bynavn: i.bynavn!,
        ...(i.landekode ? { landekode: i.landekode } : {}),
      }
    : undefined;
  const kontakt = {
    ...(i.digitalKontakt ? { digitalKontakt: i.digitalKontakt } : {}),
    ...(i.telefonnummer ? { telefonnummer: i.telefonnummer } : {}),
    ...(i.borgerSkalRinge !== null ? { borgerSkalRinge: i.borgerSkalRinge } : {}),
  };
  return {
    indkaldelseId: i.id,
    indkalder: { organisationKode: i.organisationKode, organisationType: i.organisationType },
    borgerSkalAcceptere: i.borgerSkalAcceptere,
    accepteret: i.accepteret,
    ombookingMulig: i.ombookingMulig,
    ...(i.ombookingFrist ? { ombookingFrist: iso(i.ombookingFrist) } : {}),
    aflysningMulig: i.aflysningMulig,
    ...(i.aflysningFrist ? { aflysningFrist: iso(i.aflysningFrist) } : {}),
    selvbooket: i.selvbooket,
    straksbooking: i.straksbooking,
    obligatoriskFremmoede: i.obligatoriskFremmoede,
    moedeStarttidspunkt: iso(i.starttidspunkt)!,
    ...(i.sluttidspunkt ? { moedeSluttidspunkt: iso(i.sluttidspunkt) } : {}),
    samtaleType: i.samtaleType,
    moedeGruppeType: i.moedeGruppeType,
    moedetitel: i.moedetitel,
    ...(i.moedebeskrivelse ? { moedebeskrivelse: i.moedebeskrivelse } : {}),
    referencesamtale: i.referencesamtale,
    sagsbehandler: sagsbehandlerUd(i.sagsbehandler),
    ...(i.moedetilbudId ? { moedetilbudId: i.moedetilbudId } : {}),
    ...(adresse || i.lokationsuddybning ? { moedeLokation: { ...(i.lokationsuddybning ? { lokationsuddybning: i.lokationsuddybning } : {}), ...(adresse ? { adresse } : {}) } } : {}),
    ...(Object.keys(kontakt).length > 0 ? { kontaktdetaljer: kontakt } : {}),
    samtaleformType: i.samtaleform,
    visSagsbehandler: i.visSagsbehandler,
    ...(i.akasseDeltager !== null ? { akasseDeltager: i.akasseDeltager } : {}),
    ...(i.flereMyndigheder !== null ? { flereMyndigheder: i.flereMyndigheder } : {}),
    ...(i.deltagere && i.deltagere.length > 0 ? { deltagere: i.deltagere } : {}),
  };
}

/** Start of the Copenhagen calendar day of `now` (GetIndkaldelser's "current": every meeting of today on). */
function startOfBusinessDay(now: Date): Date {
  const day = businessDay(now);
  // The day starts at 00:00 Copenhagen time: try both offsets (+01:00 winter, +02:00 summer).
  for (const offset of ['+01:00', '+02:00']) {
    const d = new Date(`${day}T00:00:00${offset}`);
    if (businessDay(d) === day && businessDay(new Date(d.getTime() - 1)) !== day) return d;
  }
  return new Date(`${day}T00:00:00Z`);
}

export interface BorgerbookingOptions {
  /** How long a hold (ReserverMoedetid) keeps its seat, in milliseconds (default 5 minutes). */
  holdMs: number;
}

export class BorgerbookingService {
  constructor(
    private readonly planner: Planlaegningssystem,
    private readonly clock: Clock,
    private readonly prisma: PrismaClient,
    private readonly pool: Pool,
    private readonly options: BorgerbookingOptions = { holdMs: 5 * 60_000 },
  ) {}

  // --- Shared rules ---------------------------------------------------------------------------

  /** 1010 unless known. */
  private async borger(cpr: string): Promise<BorgerRow> {
    const b = await kaldPlanner(() => this.planner.borger(cpr));
    if (!b) throw unknownCitizen();
    return b;
  }

  /** 4768 unknown (or cancelled), 8107 another citizen's. */
  private async egenIndkaldelse(cpr: string, id: string): Promise<IndkaldelseRow> {
    const i = await kaldPlanner(() => this.planner.indkaldelse(id.toLowerCase()));
    return BorgerbookingService.egenIndkaldelseRegler(cpr, i);
  }

  private static egenIndkaldelseRegler(cpr: string, i: IndkaldelseRow | null): IndkaldelseRow {
    if (!i || i.status === 'Aflyst') throw new RuleViolation(4768, { felt: '/indkaldelseId' });
    if (i.cpr !== cpr) throw new RuleViolation(8107, { felt: '/indkaldelseId' });
    return i;
  }

  /** 4708: the samtaleform code is not one of the code list. */
  private static samtaleformKode(kode: number | undefined, felt = '/samtaleformType'): void {
    if (kode !== undefined && !inList(SAMTALEFORM_KODER, kode)) throw new RuleViolation(4708, { felt });
  }

  /** The caseworker named by eksterntId: 4822 unknown, 9003 not one of the offer's (or the offer lets no one choose). */
  private async valgtSagsbehandler(tilbud: MoedetilbudRow, eksterntId: string | undefined, felt: string): Promise<number | null> {
    if (eksterntId === undefined) return null;
    const s = await kaldPlanner(() => this.planner.sagsbehandler(eksterntId));
    return BorgerbookingService.sagsbehandlerRegler(tilbud, s, felt);
  }

  /** valgtSagsbehandler's rules on the caseworker already read (null: unknown). */
  private static sagsbehandlerRegler(tilbud: MoedetilbudRow, s: SagsbehandlerRow | null, felt: string): number {
    if (!s) throw new RuleViolation(4822, { felt });
    if (!tilbud.sagsbehandlere.some((t) => t.id === s.id)) throw new RuleViolation(9003, { felt });
    if (!tilbud.borgerKanVaelgeSagsbehandler) throw new RuleViolation(9003, { felt, detail: 'The citizen cannot choose the caseworker for this interview option' });
    return s.id;
  }

  /** 8108 unknown or inactive offer, 4812 not self-bookable. */
  private static selvbookbartTilbud(t: MoedetilbudRow | null): MoedetilbudRow {
    if (!t || !t.aktiv) throw new RuleViolation(8108, { felt: '/moedetilbudId' });
    if (!t.selvbookingTilladt) throw new RuleViolation(4812, { felt: '/moedetilbudId' });
    return t;
  }

  /** The interval rules of the timeslot reads: 4792 end before start, 4783 the interval lies before today. */
  private interval(start: string, slut: string): { fra: Date; til: Date } {
    const fra = new Date(start);
    const til = new Date(slut);
    if (til < fra) throw new RuleViolation(4792, { felt: '/slutMoedetidsinterval' });
    if (businessDay(til) < today(this.clock)) throw new RuleViolation(4783, { felt: '/slutMoedetidsinterval' });
    return { fra, til };
  }

  /** The rules of a booking time on an offer before the deadline: 4783 before today, 4819/4767 earlier today, 8109 outside the offer's range. */
  private foerFrister(tilbud: MoedetilbudRow, start: Date, fortidKode: 4819 | 4767, now: Date): void {
    if (businessDay(start) < today(this.clock)) throw new RuleViolation(4783, { felt: '/moedeStarttidspunkt' });
    if (start < now) throw new RuleViolation(fortidKode, { felt: '/moedeStarttidspunkt' });
    if ((tilbud.foersteMoedetid && start < new Date(tilbud.foersteMoedetid)) || (tilbud.sidsteMoedetid && start > new Date(tilbud.sidsteMoedetid))) {
      throw new RuleViolation(8109, { felt: '/moedeStarttidspunkt' });
    }
  }

  /** 8288: the booking is later than the last day of the citizen's deadline of the type. */
  private static fristRegel(tilbud: MoedetilbudRow, start: Date, frister: FristRow[]): void {
    const frist = frister.find((f) => f.samtaleType === tilbud.samtaleType);
    if (frist && businessDay(start) > frist.sidsteAfholdelsesdato) {
      throw new RuleViolation(8288, { felt: '/moedeStarttidspunkt', detail: `The booking is later than the deadline's last day ${frist.sidsteAfholdelsesdato}` });
    }
  }

  /**
   * Every rule of a new booking on an offer (CreateBooking, ReserverMoedetid, TilmeldOgBook), in
   * order: the citizen (1010, 4405), the form (4708), the offer (8108, 4812), the contact group
   * (9121), the time (4783, 4819, 8109, 8288), the form offered (4708), the caseworker (4822, 9003)
   * and an existing booking of the type (8273/9220; the unique index decides under concurrency).
   */
  private async nyBooking(cpr: string, moedetilbudId: string, input: { moedeStarttidspunkt: string; samtaleformType: number; sagsbehandlerEksterntId?: string }) {
    const now = this.clock.now();
    // One read for every fact of the rules (docs/borgerbooking.md, "Round trips"); the rules run in their order on it.
    const f = await kaldPlanner(() => this.planner.bookingFakta(cpr, moedetilbudId.toLowerCase(), input.sagsbehandlerEksterntId ?? null, now));
    if (!f.borger) throw unknownCitizen();
    if (f.borger.doed) throw new RuleViolation(4405);
    BorgerbookingService.samtaleformKode(input.samtaleformType);
    const tilbud = BorgerbookingService.selvbookbartTilbud(f.moedetilbud);
    this.rehabiliteringsteam(tilbud, f.borger);
    const start = new Date(input.moedeStarttidspunkt);
    this.foerFrister(tilbud, start, 4819, now);
    BorgerbookingService.fristRegel(tilbud, start, f.frister);
    if (!tilbud.samtaleformer.includes(input.samtaleformType)) throw new RuleViolation(4708, { felt: '/samtaleformType', detail: 'The offer does not have this samtaleform' });
    const sagsbehandlerId =
      input.sagsbehandlerEksterntId === undefined ? null : BorgerbookingService.sagsbehandlerRegler(tilbud, f.sagsbehandler, '/sagsbehandlerEksterntId');
    if (f.aktivAfTypen) throw alleredeBooket(tilbud.samtaleType);
    return { tilbud, start, sagsbehandlerId, now, afholdTidligere: f.startetAfTypen };
  }

  /** 9121: interviews in the rehabilitation team are not for the a-kasse contact groups. */
  private rehabiliteringsteam(tilbud: MoedetilbudRow, borger: BorgerRow): void {
    if (
      inList(REHABILITERINGSTEAM, tilbud.samtaleType) &&
      borger.kontaktgruppe !== null &&
      inList(KONTAKTGRUPPER_UDEN_REHABILITERINGSTEAM, borger.kontaktgruppe)
    ) {
      throw new RuleViolation(9121);
    }
  }

  /** Whether the citizen may rebook the meeting: 9130 an immediate booking, 4820 rebooking not possible or past its deadline, 4783 a past meeting. */
  private ombookbar(i: IndkaldelseRow): void {
    const now = this.clock.now();
    if (i.straksbooking) throw new RuleViolation(9130);
    if (businessDay(i.starttidspunkt) < today(this.clock)) throw new RuleViolation(4783, { felt: '/indkaldelseId', detail: 'The meeting lies before today' });
    if (!i.ombookingMulig || (i.ombookingFrist && now > new Date(i.ombookingFrist)) || i.starttidspunkt < now) {
      throw new RuleViolation(4820, { detail: 'Rebooking is not allowed for this meeting, or the rebooking deadline is exceeded' });
    }
  }

  /** The offer a meeting is rebooked within: the one named (8108 unknown, 4709 another samtaleType), else its own (4812 none or not self-bookable). */
  private async ombookingTilbud(i: IndkaldelseRow, moedetilbudId: string | undefined): Promise<MoedetilbudRow> {
    if (moedetilbudId !== undefined) {
      const t = await kaldPlanner(() => this.planner.moedetilbud(moedetilbudId.toLowerCase()));
      return BorgerbookingService.ombookingTilbudRegler(i, t, true);
    }
    const t = i.moedetilbudId ? await kaldPlanner(() => this.planner.moedetilbud(i.moedetilbudId!)) : null;
    return BorgerbookingService.ombookingTilbudRegler(i, t, false);
  }

  /** ombookingTilbud's rules on the offer already read (the named one when `navngivet`, else the meeting's own). */
  private static ombookingTilbudRegler(i: IndkaldelseRow, t: MoedetilbudRow | null, navngivet: boolean): MoedetilbudRow {
    if (navngivet) {
      if (!t || !t.aktiv) throw new RuleViolation(8108, { felt: '/moedetilbudId' });
      if (t.samtaleType !== i.samtaleType) throw new RuleViolation(4709, { felt: '/moedetilbudId', detail: 'The offer is of another interview type than the meeting' });
      if (!t.selvbookingTilladt) throw new RuleViolation(4812, { felt: '/moedetilbudId' });
      return t;
    }
    if (!i.moedetilbudId || !t || !t.aktiv || !t.selvbookingTilladt) throw new RuleViolation(4812, { detail: 'The meeting has no offer the citizen can rebook within' });
    return t;
  }

  /** Free slots of an offer in the interval, narrowed to a form and a caseworker. */
  private async ledigeTider(tilbud: MoedetilbudRow, fra: Date, til: Date, samtaleform?: number, sagsbehandlerId?: number | null) {
    const now = this.clock.now();
    const slots = await kaldPlanner(() => this.planner.moedetider(tilbud.id, fra, til, now));
    return BorgerbookingService.ledige(slots, samtaleform, sagsbehandlerId);
  }

  /** The slots with a free seat and a caseworker, narrowed to a form and a caseworker. */
  private static ledige(slots: MoedetidRow[], samtaleform?: number, sagsbehandlerId?: number | null) {
    return slots.filter(
      (m) =>
        m.ledigePladser > 0 &&
        m.sagsbehandlerIder.length > 0 &&
        (samtaleform === undefined || m.samtaleformer.includes(samtaleform)) &&
        (sagsbehandlerId == null || m.sagsbehandlerIder.includes(sagsbehandlerId)),
    );
  }

  // --- Operations -------------------------------------------------------------------------------

  /** GetBorgerstatus: 1010. */
  async borgerstatus(cpr: string) {
    const b = await this.borger(cpr);
    const frister = await kaldPlanner(() => this.planner.frister(cpr));
    const straksbookingPaakraevet = frister.some((f) => f.straksbooking && f.friststatusType === 1);
    const ledige = b.doed ? false : await kaldPlanner(() => this.planner.harLedigeSelvbookingstider(this.clock.now()));
    return {
      kanSelvbooke: !b.doed && !straksbookingPaakraevet && ledige,
      frister: frister.map((f) => ({ friststatusType: f.friststatusType, samtaleType: f.samtaleType, fristdato: f.fristdato, sidsteAfholdelsesdato: f.sidsteAfholdelsesdato })),
      straksbookingPaakraevet,
    };
  }

  /** GetSelvbookingMoedetilbud: 1010, 4709 (samtaleType), 4805 (moedeGruppeType). */
  async selvbookingMoedetilbud(cpr: string, q: { samtaleType?: number; moedeGruppeType?: number }) {
    await this.borger(cpr);
    if (q.samtaleType !== undefined && !inList(SAMTALETYPE_KODER, q.samtaleType)) throw new RuleViolation(4709, { felt: '/samtaleType' });
    if (q.moedeGruppeType !== undefined && !inList(MOEDEGRUPPETYPE_KODER, q.moedeGruppeType)) throw new RuleViolation(4805, { felt: '/moedeGruppeType' });
    const tilbud = await kaldPlanner(() => this.planner.selvbookingMoedetilbud(q));
    return { moedetilbud: tilbud.map(tilbudUd) };
  }

  /** GetSelvbookingMoedetider: 1010, 4792, 4783, 4708, 8108, 4812, 4822, 9003, 4770. */
  async selvbookingMoedetider(
    cpr: string,
    moedetilbudId: string,
    q: { startMoedetidsinterval: string; slutMoedetidsinterval: string; samtaleformType?: number; eksterntId?: string },
  ) {
    const now = this.clock.now();
    const fra = new Date(q.startMoedetidsinterval);
    const til = new Date(q.slutMoedetidsinterval);
    // One read: the citizen, the offer, the named caseworker and the slots; the rules run in their order on it.
    const f = await kaldPlanner(() => this.planner.moedetiderFakta(cpr, moedetilbudId.toLowerCase(), q.eksterntId ?? null, fra, til, now));
    if (!f.borger) throw unknownCitizen();
    this.interval(q.startMoedetidsinterval, q.slutMoedetidsinterval);
    BorgerbookingService.samtaleformKode(q.samtaleformType);
    const tilbud = BorgerbookingService.selvbookbartTilbud(f.moedetilbud);
    const sagsbehandlerId = q.eksterntId === undefined ? null : BorgerbookingService.sagsbehandlerRegler(tilbud, f.sagsbehandler, '/eksterntId');
    const slots = BorgerbookingService.ledige(f.moedetider, q.samtaleformType, sagsbehandlerId);
    if (slots.length === 0) throw new RuleViolation(4770);
    return { bookbareSagsbehandlere: bookbare([tilbud], slots), moedetider: slots.map(moedetidUd) };
  }

  /** ReserverMoedetid: the rules of CreateBooking (or, with indkaldelseId, of CreateOmbooking), then a hold of one seat. */
  async reserver(cpr: string, moedetilbudId: string, input: ReservationInput) {
    let tilbud: MoedetilbudRow;
    let start: Date;
    let sagsbehandlerId: number | null;
    let indkaldelseId: string | null = null;
    if (input.indkaldelseId !== undefined) {
      // One read for every fact of the rules (as CreateOmbooking); the rules run in their order on it.
      const f = await kaldPlanner(() =>
        this.planner.ombookingFakta(cpr, input.indkaldelseId!.toLowerCase(), moedetilbudId.toLowerCase(), input.sagsbehandlerEksterntId ?? null),
      );
      if (!f.borger) throw unknownCitizen();
      if (f.borger.doed) throw new RuleViolation(4405);
      const i = BorgerbookingService.egenIndkaldelseRegler(cpr, f.indkaldelse);
      this.ombookbar(i);
      BorgerbookingService.samtaleformKode(input.samtaleformType);
      tilbud = BorgerbookingService.ombookingTilbudRegler(i, f.moedetilbud, true);
      start = new Date(input.moedeStarttidspunkt);
      this.foerFrister(tilbud, start, 4819, this.clock.now());
      BorgerbookingService.fristRegel(tilbud, start, f.frister);
      if (!tilbud.samtaleformer.includes(input.samtaleformType)) throw new RuleViolation(4708, { felt: '/samtaleformType', detail: 'The offer does not have this samtaleform' });
      sagsbehandlerId =
        input.sagsbehandlerEksterntId === undefined ? null : BorgerbookingService.sagsbehandlerRegler(tilbud, f.sagsbehandler, '/sagsbehandlerEksterntId');
      indkaldelseId = i.id;
    } else {
      ({ tilbud, start, sagsbehandlerId } = await this.nyBooking(cpr, moedetilbudId, input));
    }
    const now = this.clock.now();
    const udloeber = new Date(now.getTime() + this.options.holdMs);
    const t = tilbud;
    const id = await kaldPlanner(() =>
      this.planner.reserver({ cpr, moedetilbud: t, starttidspunkt: start, samtaleform: input.samtaleformType, sagsbehandlerId, now, optagetKode: 4819, indkaldelseId, udloeber }),
    );
    return { reservationId: id, moedetilbudId: tilbud.id, moedeStarttidspunkt: start.toISOString(), udloeber: udloeber.toISOString() };
  }

  /** CreateBooking: the rules of nyBooking, then the seat (4819 full or gone; an expired hold 4819) and the meeting (8273/9220). */
  async book(cpr: string, moedetilbudId: string, input: BookingInput): Promise<string> {
    const { tilbud, start, sagsbehandlerId, now, afholdTidligere } = await this.nyBooking(cpr, moedetilbudId, input);
    return kaldPlanner(() =>
      this.planner.book({
        afholdTidligere,
        cpr,
        moedetilbud: tilbud,
        starttidspunkt: start,
        samtaleform: input.samtaleformType,
        sagsbehandlerId,
        now,
        optagetKode: 4819,
        reservationId: input.reservationId?.toLowerCase() ?? null,
      }),
    );
  }

  /** GetIndkaldelser: 1010; the citizen's meetings from the start of today. */
  async indkaldelser(cpr: string) {
    await this.borger(cpr);
    const rows = await kaldPlanner(() => this.planner.indkaldelser(cpr, startOfBusinessDay(this.clock.now())));
    return { indkaldelser: rows.map(indkaldelseUd) };
  }

  /** CreateOmbooking: 1010, 4405, 4768, 8107, 9130, 4783, 4820, 8108/4709/4812 (offer), 4708, 4767, 8109, 8288, 4822, 9003, 4819 (expired hold). */
  async ombook(cpr: string, indkaldelseId: string, input: OmbookingInput & { moedetilbudId?: string }): Promise<void> {
    // One read for every fact of the rules (docs/borgerbooking.md, "Round trips"); the rules run in their order on it.
    const f = await kaldPlanner(() =>
      this.planner.ombookingFakta(cpr, indkaldelseId.toLowerCase(), input.moedetilbudId?.toLowerCase() ?? null, input.sagsbehandlerEksterntId ?? null),
    );
    if (!f.borger) throw unknownCitizen();
    if (f.borger.doed) throw new RuleViolation(4405);
    const i = BorgerbookingService.egenIndkaldelseRegler(cpr, f.indkaldelse);
    this.ombookbar(i);
    BorgerbookingService.samtaleformKode(input.samtaleformType);
    const tilbud = BorgerbookingService.ombookingTilbudRegler(i, f.moedetilbud, input.moedetilbudId !== undefined);
    const start = new Date(input.moedeStarttidspunkt);
    this.foerFrister(tilbud, start, 4767, this.clock.now());
    BorgerbookingService.fristRegel(tilbud, start, f.frister);
    const samtaleform = input.samtaleformType ?? (tilbud.samtaleformer.includes(i.samtaleform) ? i.samtaleform : tilbud.samtaleformer[0]);
    if (!tilbud.samtaleformer.includes(samtaleform)) throw new RuleViolation(4708, { felt: '/samtaleformType', detail: 'The offer does not have this samtaleform' });
    const sagsbehandlerId =
      input.sagsbehandlerEksterntId === undefined ? null : BorgerbookingService.sagsbehandlerRegler(tilbud, f.sagsbehandler, '/sagsbehandlerEksterntId');
    const now = this.clock.now();
    await kaldPlanner(() =>
      this.planner.ombook({
        cpr,
        indkaldelse: i,
        moedetilbud: tilbud,
        starttidspunkt: start,
        samtaleform,
        sagsbehandlerId,
        now,
        optagetKode: 4767,
        reservationId: input.reservationId?.toLowerCase() ?? null,
      }),
    );
  }

  /** DeleteBooking: 1010, 4768, 8107, 9130, 4650, 4820. */
  async aflys(cpr: string, indkaldelseId: string): Promise<void> {
    await this.borger(cpr);
    const i = await this.egenIndkaldelse(cpr, indkaldelseId);
    const now = this.clock.now();
    if (i.straksbooking) throw new RuleViolation(9130);
    if (i.starttidspunkt < now) throw new RuleViolation(4650);
    if (!i.aflysningMulig || (i.aflysningFrist && now > new Date(i.aflysningFrist))) throw new RuleViolation(4820);
    await kaldPlanner(() => this.planner.aflys(i, now));
  }

  /** SaveIndkaldelsesaccept: 1010, 4768, 8107. */
  async accepter(cpr: string, indkaldelseId: string): Promise<void> {
    await this.borger(cpr);
    const i = await this.egenIndkaldelse(cpr, indkaldelseId);
    await kaldPlanner(() => this.planner.accepter(i, this.clock.now()));
  }

  /** GetOmbookingSagsbehandlere: 1010, 4768, 8107, 9130, 4783, 4820, 4812. */
  async ombookingSagsbehandlere(cpr: string, indkaldelseId: string) {
    await this.borger(cpr);
    const i = await this.egenIndkaldelse(cpr, indkaldelseId);
    this.ombookbar(i);
    const tilbud = await this.ombookingTilbud(i, undefined);
    return { borgerKanVaelgeSagsbehandler: tilbud.borgerKanVaelgeSagsbehandler, sagsbehandlere: tilbud.sagsbehandlere.map(sagsbehandlerUd) };
  }

  /** GetOmbookingMoedetider: 1010, 4768, 8107, 9130, 4783, 4820, 8108/4709/4812, 4792, 4708, 4822, 9003, 4770. */
  async ombookingMoedetider(
    cpr: string,
    indkaldelseId: string,
    q: { moedetilbudId?: string; startMoedetidsinterval: string; slutMoedetidsinterval: string; samtaleformType?: number; eksterntId?: string },
  ) {
    await this.borger(cpr);
    const i = await this.egenIndkaldelse(cpr, indkaldelseId);
    this.ombookbar(i);
    const tilbud = await this.ombookingTilbud(i, q.moedetilbudId);
    const { fra, til } = this.interval(q.startMoedetidsinterval, q.slutMoedetidsinterval);
    BorgerbookingService.samtaleformKode(q.samtaleformType);
    const sagsbehandlerId = await this.valgtSagsbehandler(tilbud, q.eksterntId, '/eksterntId');
    const slots = (await this.ledigeTider(tilbud, fra, til, q.samtaleformType, sagsbehandlerId)).filter((m) => m.id !== i.moedetidId);
    if (slots.length === 0) throw new RuleViolation(4770);
    return { bookbareSagsbehandlere: bookbare([tilbud], slots), moedetider: slots.map(moedetidUd), samtaleType: tilbud.samtaleType };
  }

  /** GetStraksbookingMoedetider: 1010, 4770 (no deadline requires immediate booking, or no free slot satisfies it). */
  async straksbookingMoedetider(cpr: string) {
    await this.borger(cpr);
    const frister = await kaldPlanner(() => this.planner.frister(cpr));
    const frist = frister.find((f) => f.straksbooking && f.friststatusType === 1);
    if (!frist) throw new RuleViolation(4770, { detail: 'No deadline of the citizen requires immediate booking' });
    const now = this.clock.now();
    const til = new Date(`${frist.sidsteAfholdelsesdato}T23:59:59.999+01:00`);
    const tilbud = await kaldPlanner(() => this.planner.straksbookingMoedetilbud(frist.samtaleType));
    const tider: { tilbud: MoedetilbudRow; slot: MoedetidRow }[] = [];
    for (const t of tilbud) for (const slot of await this.ledigeTider(t, now, til)) tider.push({ tilbud: t, slot });
    if (tider.length === 0) throw new RuleViolation(4770);
    tider.sort((a, b) => a.slot.starttidspunkt.getTime() - b.slot.starttidspunkt.getTime());
    return {
      bookbareSagsbehandlere: bookbare(tilbud, tider.map((x) => x.slot)),
      straksbookingMoedetider: tider.map(({ tilbud: t, slot }) => {
        const lokation = moedeLokation(t);
        return {
          ...moedetidUd(slot),
          ombookingMulig: false,
          aflysningMulig: false,
          moedetilbudId: t.id,
          moedetitel: t.moedetitel,
          ...(t.moedebeskrivelse ? { moedebeskrivelse: t.moedebeskrivelse } : {}),
          moedeVarighed: t.moedeVarighed,
          samtaleType: t.samtaleType,
          moedeGruppeType: t.moedeGruppeType,
          ...(lokation ? { moedeLokation: lokation } : {}),
          borgerKanVaelgeSagsbehandler: t.borgerKanVaelgeSagsbehandler,
        };
      }),
    };
  }

  /** CreateFejlmelding: 1010, 9931 (fejlOphav not 30/32), 8108 (unknown offer), 4768/8107 (meeting). */
  async fejlmelding(cpr: string, input: FejlmeldingInput): Promise<void> {
    await this.borger(cpr);
    if (!inList(FEJLOPHAV_KODER, input.fejlOphav)) throw new RuleViolation(9931, { felt: '/fejlOphav' });
    const moedetilbudId = input.moedetilbudId?.toLowerCase() ?? null;
    if (moedetilbudId && !(await kaldPlanner(() => this.planner.moedetilbud(moedetilbudId)))) throw new RuleViolation(8108, { felt: '/moedetilbudId' });
    let indkaldelseId: string | null = null;
    if (input.indkaldelseId !== undefined) {
      const i = await kaldPlanner(() => this.planner.indkaldelse(input.indkaldelseId!.toLowerCase()));
      if (!i) throw new RuleViolation(4768, { felt: '/indkaldelseId' });
      if (i.cpr !== cpr) throw new RuleViolation(8107, { felt: '/indkaldelseId' });
      indkaldelseId = i.id;
    }
    await kaldPlanner(() =>
      this.planner.gemFejlmelding({
        cpr,
        moedetilbudId,
        indkaldelseId,
        fejlkode: input.fejlkode,
        fejltekst: input.fejltekst ?? null,
        fejlOphav: input.fejlOphav,
        fejlTidspunkt: new Date(input.fejlTidspunkt),
        modtaget: this.clock.now(),
      }),
    );
  }

  /**
   * TilmeldOgBook (replaces StraksbookOgTilmeld): Tilmelding's rules with 4338's window (today or at
   * most 10 days back), then the booking rules, then ONE transaction: the enrollment (Tilmelding's
   * own statements: the citizen row lock, the period, its history, the job wishes) and the booking
   * (seat, meeting). Whatever fails, neither is stored.
   */
  async tilmeldOgBook(cpr: string, input: TilmeldOgBookInput, aktoer: Aktoer) {
    const { moedetilbudId, moedeStarttidspunkt, samtaleformType, sagsbehandlerEksterntId, ...tilmelding } = input;
    const register = await kodelisteRegister(this.prisma);
    const idag = today(this.clock);
    throwViolations(inputRegler(tilmelding, register, idag, erInternBruger(aktoer.rolle)));
    const laes = (await this.pool.query(...sql(tilmeldingLaesStatement(cpr, tilmelding)))).rows as TilmeldingLaesRow[];
    if (laes.length === 0) throw unknownCitizen();
    throwViolations(
      tilstandsRegler({
        cpr,
        idag,
        kilde: aktoer.kilde,
        input: tilmelding,
        register,
        fakta: toPersonFakta(laes[0]),
        cvNummerKendt: laes[0].cvNummerKendt,
        overlap: laes[0].overlap,
        vindue: OP_TIL_TI_DAGE_TILBAGE,
      }),
    );
    const { tilbud, start, sagsbehandlerId, now, afholdTidligere } = await this.nyBooking(cpr, moedetilbudId, {
      moedeStarttidspunkt,
      samtaleformType,
      sagsbehandlerEksterntId,
    });
    const tilmeldingId = randomUUID();
    const beskedId = randomUUID();
    const joboensker = tilmelding.joboensker ? joboenskerCtes(Prisma.raw('t'), tilJoboensker(tilmelding.joboensker), now) : null;
    const skriv = tilmeldingSkrivStatement({ cpr, id: tilmeldingId, input: tilmelding, aktoer, now, beskedId, jobnetFlag: aktoer.kilde === 'Jobnet', joboensker });
    const indkaldelseId = await kaldPlanner(() =>
      this.planner.book(
        { cpr, moedetilbud: tilbud, starttidspunkt: start, samtaleform: samtaleformType, sagsbehandlerId, now, optagetKode: 4819, reservationId: null, afholdTidligere },
        async (query) => {
          // Tilmelding's lock order: the citizen row first (as Tilmelding with job wishes and ReplaceJoboensker).
          await query(...sql(borgerLaasStatement(cpr)));
          const r = await query(...sql(skriv));
          if (r.rows.length === 0) throw new RuleViolation(4316, { felt: '/tilmeldingsdato' });
        },
      ),
    );
    const svar = tilmeldingSvar(tilmeldingId, now, beskedId, tilmelding, aktoer.kilde);
    return {
      tilmeldingId,
      indkaldelseId,
      serviceKvittering: svar.serviceKvittering,
      borgerkvitteringstekst: `${svar.borgerkvitteringstekst} Dit møde "${tilbud.moedetitel}" er booket til ${start.toISOString()}.`,
      ingenSelvaktiveringskodeNoedvendig: svar.ingenSelvaktiveringskodeNoedvendig,
    };
  }
}

const sql = (s: Prisma.Sql): [string, unknown[]] => [s.text, s.values];
