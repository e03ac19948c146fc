/**
 * Borgerbooking's demo data: offers with caseworkers and slots RELATIVE TO TODAY (the clock given),
 * deadlines and meetings for the demo citizens (src/domain/demo-citizens.ts; README's table):
 *
 * - Anna: a Jobsamtale deadline; the Aarhus Jobsamtale offer (the id the API's examples use) has
 *   slots every weekday of the next three weeks, so she can walk the whole self-booking flow:
 *   status, offers, slots, hold, book, rebook, cancel. Swagger UI shows the booking examples on the
 *   first weekday after today at 09:00 and 10:00 (plugins/swagger.ts RELATIVE_EXAMPLE_FIELDS): keep
 *   those times and the caseworker CVR:55133018-RID:1001 on this offer.
 * - Frida: an Opfølgningssamtale deadline that requires immediate booking (straksbooking), and an
 *   offer that satisfies it (GetStraksbookingMoedetider).
 * - Karen: a summons (Jobsamtale on the Aarhus offer) she must accept (SaveIndkaldelsesaccept); she may rebook it.
 * - Jens: an immediate booking, which he can neither rebook nor cancel (9130).
 * - An information meeting for many (a group meeting with 20 seats) and a Copenhagen offer.
 *
 * Idempotent: rows have fixed ids (slots: an id derived from offer and start) and are inserted only
 * when missing, so a second run the same day changes nothing and API changes survive it. A run on a
 * later day adds the slots of the days that have come into the window, so the embedded default always
 * has something to book. Meetings are placed on slots of the first seed; they stay where they are.
 */
import { createHash } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { systemClock, today, type Clock } from '../../domain/clock';
import { addDays } from '../../domain/dage';
import { DEMO_CITIZENS } from '../../domain/demo-citizens';

/** Fixed ids, so the docs, the API's examples and tests can refer to them. */
export const DEMO_BORGERBOOKING_IDS = {
  /** Aarhus, Jobsamtale, individual: the example id of the citizen operations (src/modules/borgerbooking/schemas.ts). */
  jobsamtaleAarhus: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
  /** Aarhus, Opfølgningssamtale by phone or video, satisfies an immediate-booking deadline. */
  straksbookingAarhus: '7c9e6679-7425-40de-944b-e07fc1f90a01',
  /** Aarhus, Informationsmøde, a group meeting with 20 seats. */
  informationsmoedeAarhus: '7c9e6679-7425-40de-944b-e07fc1f90a02',
  /** Copenhagen, Jobsamtale (a job centre token with org 101 sees it on the planning side). */
  jobsamtaleKoebenhavn: '7c9e6679-7425-40de-944b-e07fc1f90a03',
  /** Karen's summons (to accept). */
  karenIndkaldelse: '2d7f3c1a-8b4e-4f6a-9c2d-1e0f3a5b7c01',
  /** Jens' immediate booking. */
  jensStraksbooking: '2d7f3c1a-8b4e-4f6a-9c2d-1e0f3a5b7c02',
} as const;

/** A UUID derived from a key: the same slot gets the same id in every run. */
export function demoUuid(key: string): string {
  const h = createHash('sha256').update(`borgerbooking-demo:${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The instant of a Copenhagen wall-clock time (`HH:MM`) on a calendar day (DST-aware). */
export function koebenhavnTid(day: string, hhmm: string): Date {
  const [h, m] = hhmm.split(':').map(Number);
  const [y, mo, d] = day.split('-').map(Number);
  const guess = Date.UTC(y, mo - 1, d, h, m);
  // The Copenhagen offset at that moment: +01:00 in winter, +02:00 in summer.
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(guess));
  const [lh, lm] = parts.split(':').map(Number);
  const offsetMinutes = ((lh * 60 + lm - (h * 60 + m)) + 1440) % 1440;
  return new Date(guess - (offsetMinutes > 720 ? offsetMinutes - 1440 : offsetMinutes) * 60_000);
}

/** Weekdays (Monday-Friday) from tomorrow, `n` calendar days ahead. */
function hverdage(dag: string, n: number): string[] {
  const out: string[] = [];
  for (let i = 1; i <= n; i++) {
    const d = addDays(dag, i);
    const wd = new Date(`${d}T12:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) out.push(d);
  }
  return out;
}

const SAGSBEHANDLERE = [
  { eksterntId: 'CVR:55133018-RID:1001', fornavne: 'Mette', efternavn: 'Madsen', telefonnummer: '+4587131001', email: 'mette.madsen@example.dk', kommunekode: '751' },
  { eksterntId: 'CVR:55133018-RID:1002', fornavne: 'Søren', mellemnavn: 'Kaj', efternavn: 'Sørensen', telefonnummer: '+4587131002', email: null, kommunekode: '751' },
  { eksterntId: 'CVR:55133018-RID:1003', fornavne: 'Aisha', efternavn: 'Ahmadi', telefonnummer: '+4587131003', email: null, kommunekode: '751' },
  { eksterntId: 'CVR:64942212-RID:2001', fornavne: 'Lone', efternavn: 'Larsen', telefonnummer: '+4533661001', email: null, kommunekode: '101' },
] as const;

const AARHUS_ADRESSE = { vejnavn: 'Værkmestergade', husnummer: '2', postnummer: '8000', bynavn: 'Aarhus C', landekode: 'DK' };
const KBH_ADRESSE = { vejnavn: 'Gyldenløvesgade', husnummer: '15', postnummer: '1600', bynavn: 'København V', landekode: 'DK' };

interface DemoTilbud {
  id: string;
  kommunekode: string;
  samtaleType: number;
  moedeGruppeType: number;
  samtaleformer: number[];
  adresse: typeof AARHUS_ADRESSE | null;
  lokationsuddybning?: string;
  moedeVarighed: number;
  borgerKanVaelgeSagsbehandler: boolean;
  straksbooking: boolean;
  moedetitel: string;
  moedebeskrivelse: string;
  ombookingFristMinutter: number | null;
  aflysningFristMinutter: number | null;
  /** Set for group meetings (a last time is required), else open-ended. */
  sidsteMoedetidDage?: number;
  sagsbehandlere: string[];
  /** Copenhagen wall-clock times on every day of `dage`. */
  tider: string[];
  dage: (dag: string) => string[];
  pladser: number;
}

const TILBUD: DemoTilbud[] = [
  {
    id: DEMO_BORGERBOOKING_IDS.jobsamtaleAarhus,
    kommunekode: '751',
    samtaleType: 1,
    moedeGruppeType: 1,
    samtaleformer: [1, 2],
    adresse: AARHUS_ADRESSE,
    lokationsuddybning: 'Jobcenter Aarhus, indgang B, 3. sal. Meld dig i receptionen.',
    moedeVarighed: 30,
    borgerKanVaelgeSagsbehandler: true,
    straksbooking: false,
    moedetitel: 'Jobsamtale i Jobcenter Aarhus',
    moedebeskrivelse: 'Vi taler om dine jobmål, din jobsøgning og hvad der skal til for at du kommer i job.',
    ombookingFristMinutter: 60,
    aflysningFristMinutter: 60,
    sagsbehandlere: ['CVR:55133018-RID:1001', 'CVR:55133018-RID:1002'],
    tider: ['09:00', '09:30', '10:00', '10:30', '13:00', '13:30'],
    dage: (dag) => hverdage(dag, 21),
    pladser: 1,
  },
  {
    id: DEMO_BORGERBOOKING_IDS.straksbookingAarhus,
    kommunekode: '751',
    samtaleType: 2,
    moedeGruppeType: 1,
    samtaleformer: [2, 3],
    adresse: null,
    moedeVarighed: 30,
    borgerKanVaelgeSagsbehandler: false,
    straksbooking: true,
    moedetitel: 'Opfølgningssamtale (telefon eller video)',
    moedebeskrivelse: 'En kort samtale om hvordan det går. Jobcentret ringer dig op, eller du får et link til videomødet.',
    ombookingFristMinutter: 120,
    aflysningFristMinutter: 120,
    sagsbehandlere: ['CVR:55133018-RID:1003'],
    tider: ['11:00', '14:00'],
    dage: (dag) => hverdage(dag, 10),
    pladser: 1,
  },
  {
    id: DEMO_BORGERBOOKING_IDS.informationsmoedeAarhus,
    kommunekode: '751',
    samtaleType: 3,
    moedeGruppeType: 2,
    samtaleformer: [1],
    adresse: AARHUS_ADRESSE,
    lokationsuddybning: 'Mødesal 1, stueetagen',
    moedeVarighed: 90,
    borgerKanVaelgeSagsbehandler: false,
    straksbooking: false,
    moedetitel: 'Informationsmøde for nye ledige',
    moedebeskrivelse: 'Hvad sker der nu? Om dagpenge, rådighed, Jobnet og dit samarbejde med jobcentret og a-kassen.',
    ombookingFristMinutter: 1440,
    aflysningFristMinutter: 1440,
    sidsteMoedetidDage: 366,
    sagsbehandlere: ['CVR:55133018-RID:1001'],
    tider: ['13:00'],
    dage: (dag) => hverdage(dag, 21).filter((d) => [2, 4].includes(new Date(`${d}T12:00:00Z`).getUTCDay())),
    pladser: 20,
  },
  {
    id: DEMO_BORGERBOOKING_IDS.jobsamtaleKoebenhavn,
    kommunekode: '101',
    samtaleType: 1,
    moedeGruppeType: 1,
    samtaleformer: [1, 2, 3],
    adresse: KBH_ADRESSE,
    moedeVarighed: 45,
    borgerKanVaelgeSagsbehandler: false,
    straksbooking: false,
    moedetitel: 'Jobsamtale i Jobcenter København',
    moedebeskrivelse: 'Samtale om din jobsøgning.',
    ombookingFristMinutter: 1440,
    aflysningFristMinutter: 1440,
    sagsbehandlere: ['CVR:64942212-RID:2001'],
    tider: ['08:30', '12:00'],
    dage: (dag) => hverdage(dag, 14),
    pladser: 1,
  },
];

/** The slot of an offer on a day at a Copenhagen time (its derived id and start). */
export function demoMoedetid(moedetilbudId: string, day: string, hhmm: string): { id: string; start: Date } {
  const start = koebenhavnTid(day, hhmm);
  return { id: demoUuid(`${moedetilbudId}:${start.toISOString()}`), start };
}

export async function seedBorgerbookingDemoData(prisma: PrismaClient, clock: Clock = systemClock): Promise<void> {
  const dag = today(clock);
  const now = clock.now();

  await prisma.bookingSagsbehandler.createMany({ data: SAGSBEHANDLERE.map((s) => ({ ...s })), skipDuplicates: true });
  const sagsbehandlerId = new Map(
    (await prisma.bookingSagsbehandler.findMany({ where: { eksterntId: { in: SAGSBEHANDLERE.map((s) => s.eksterntId) } }, select: { id: true, eksterntId: true } })).map((s) => [
      s.eksterntId,
      s.id,
    ]),
  );

  for (const t of TILBUD) {
    await prisma.moedetilbud.createMany({
      data: [
        {
          id: t.id,
          kommunekode: t.kommunekode,
          samtaleType: t.samtaleType,
          moedeGruppeType: t.moedeGruppeType,
          samtaleformer: t.samtaleformer,
          lokationsuddybning: t.lokationsuddybning ?? null,
          ...(t.adresse ?? {}),
          moedeVarighed: t.moedeVarighed,
          foersteMoedetid: null,
          sidsteMoedetid: t.sidsteMoedetidDage ? koebenhavnTid(addDays(dag, t.sidsteMoedetidDage), '23:59') : null,
          selvbookingTilladt: true,
          borgerKanVaelgeSagsbehandler: t.borgerKanVaelgeSagsbehandler,
          straksbooking: t.straksbooking,
          moedetitel: t.moedetitel,
          moedebeskrivelse: t.moedebeskrivelse,
          obligatoriskFremmoede: true,
          ombookingFristMinutter: t.ombookingFristMinutter,
          aflysningFristMinutter: t.aflysningFristMinutter,
          aktiv: true,
          oprettet: now,
          opdateret: now,
        },
      ],
      skipDuplicates: true,
    });
    const ider = t.sagsbehandlere.map((e) => sagsbehandlerId.get(e)!);
    await prisma.moedetilbudSagsbehandler.createMany({ data: ider.map((id) => ({ moedetilbudId: t.id, sagsbehandlerId: id })), skipDuplicates: true });
    const slots = t.dage(dag).flatMap((d) => t.tider.map((hhmm) => demoMoedetid(t.id, d, hhmm)));
    // The (offer, start) unique index also skips a slot the planning API created at the same time.
    await prisma.moedetid.createMany({
      data: slots.map((s) => ({
        id: s.id,
        moedetilbudId: t.id,
        starttidspunkt: s.start,
        pladser: t.pladser,
        optagnePladser: 0,
        samtaleformer: t.samtaleformer,
        ombookingMulig: t.ombookingFristMinutter !== null,
        aflysningMulig: t.aflysningFristMinutter !== null,
        aktiv: true,
        oprettet: now,
      })),
      skipDuplicates: true,
    });
    const kendte = new Set((await prisma.moedetid.findMany({ where: { id: { in: slots.map((s) => s.id) } }, select: { id: true } })).map((m) => m.id));
    await prisma.moedetidSagsbehandler.createMany({
      data: slots.filter((s) => kendte.has(s.id)).flatMap((s) => ider.map((id) => ({ moedetidId: s.id, moedetilbudId: t.id, sagsbehandlerId: id }))),
      skipDuplicates: true,
    });
  }

  // Deadlines: Anna must book a Jobsamtale within two weeks; Frida must book an Opfølgningssamtale at once.
  const c = DEMO_CITIZENS;
  const dato = (d: string) => new Date(`${d}T00:00:00.000Z`);
  await prisma.bookingFrist.createMany({
    data: [
      { id: demoUuid('frist:anna'), cpr: c.anna.cpr, samtaleType: 1, friststatusType: 1, fristdato: dato(addDays(dag, 14)), sidsteAfholdelsesdato: dato(addDays(dag, 21)), straksbooking: false, oprettet: now, opdateret: now },
      { id: demoUuid('frist:frida'), cpr: c.frida.cpr, samtaleType: 2, friststatusType: 1, fristdato: dato(addDays(dag, 3)), sidsteAfholdelsesdato: dato(addDays(dag, 10)), straksbooking: true, oprettet: now, opdateret: now },
    ],
    skipDuplicates: true,
  });

  // Meetings on slots, each taking its seat in the same statement (the seat count stays exact).
  const foersteHverdage = hverdage(dag, 14);
  await indsaetMoede(prisma, {
    id: DEMO_BORGERBOOKING_IDS.karenIndkaldelse,
    cpr: c.karen.cpr,
    tilbud: TILBUD[0],
    slot: demoMoedetid(TILBUD[0].id, foersteHverdage[2], '10:00'),
    oprindelse: 'Indkaldt',
    borgerSkalAcceptere: true,
    sagsbehandlerId: sagsbehandlerId.get('CVR:55133018-RID:1001')!,
    samtaleform: 1,
    now,
  });
  await indsaetMoede(prisma, {
    id: DEMO_BORGERBOOKING_IDS.jensStraksbooking,
    cpr: c.jens.cpr,
    tilbud: TILBUD[1],
    slot: demoMoedetid(TILBUD[1].id, foersteHverdage[1], '11:00'),
    oprindelse: 'Straksbooket',
    borgerSkalAcceptere: false,
    sagsbehandlerId: sagsbehandlerId.get('CVR:55133018-RID:1003')!,
    samtaleform: 2,
    now,
  });
}

/** Inserts a meeting on a slot and takes its seat, only if the meeting is missing and the slot has a free seat. */
async function indsaetMoede(
  prisma: PrismaClient,
  m: {
    id: string;
    cpr: string;
    tilbud: DemoTilbud;
    slot: { id: string; start: Date };
    oprindelse: 'Indkaldt' | 'Straksbooket';
    borgerSkalAcceptere: boolean;
    sagsbehandlerId: number;
    samtaleform: number;
    now: Date;
  },
): Promise<void> {
  const t = m.tilbud;
  const selvbooket = m.oprindelse !== 'Indkaldt';
  const minutterFoer = (min: number | null) => (min === null ? null : new Date(m.slot.start.getTime() - min * 60_000));
  // Straksbookinger can be neither rebooked nor cancelled by the citizen (9130); the summons keeps the offer's deadlines.
  const ombookingFrist = selvbooket ? null : minutterFoer(t.ombookingFristMinutter);
  const aflysningFrist = selvbooket ? null : minutterFoer(t.aflysningFristMinutter);
  const a = t.adresse;
  await prisma.$executeRaw`
    WITH ny AS (
      SELECT 1 FROM moedetid WHERE id = ${m.slot.id}::uuid AND "optagnePladser" < pladser
        AND NOT EXISTS (SELECT 1 FROM indkaldelse WHERE id = ${m.id}::uuid)
        AND NOT EXISTS (SELECT 1 FROM indkaldelse WHERE cpr = ${m.cpr} AND "samtaleType" = ${t.samtaleType}::smallint AND status = 'Aktiv')
    ), i AS (
      INSERT INTO indkaldelse (id, cpr, "moedetilbudId", "moedetidId", oprindelse, status, "organisationKode", "organisationType",
        "borgerSkalAcceptere", accepteret, "accepteretTidspunkt", "ombookingMulig", "ombookingFrist", "aflysningMulig", "aflysningFrist", selvbooket, straksbooking,
        "obligatoriskFremmoede", starttidspunkt, sluttidspunkt, "samtaleType", "moedeGruppeType", samtaleform, moedetitel, moedebeskrivelse,
        "sagsbehandlerId", "visSagsbehandler", lokationsuddybning, vejnavn, husnummer, postnummer, bynavn, landekode, telefonnummer, "borgerSkalRinge",
        oprettet, opdateret)
      SELECT ${m.id}::uuid, ${m.cpr}, ${t.id}::uuid, ${m.slot.id}::uuid, ${m.oprindelse}, 'Aktiv', ${Number(t.kommunekode)}::int, 1,
        ${m.borgerSkalAcceptere}, ${selvbooket}, ${selvbooket ? m.now : null}::timestamptz, ${ombookingFrist !== null}, ${ombookingFrist}::timestamptz, ${aflysningFrist !== null}, ${aflysningFrist}::timestamptz,
        ${selvbooket}, ${m.oprindelse === 'Straksbooket'}, true, ${m.slot.start}::timestamptz, ${new Date(m.slot.start.getTime() + t.moedeVarighed * 60_000)}::timestamptz,
        ${t.samtaleType}::smallint, ${t.moedeGruppeType}::smallint, ${m.samtaleform}::smallint, ${t.moedetitel}, ${t.moedebeskrivelse},
        ${m.sagsbehandlerId}::int, true, ${t.lokationsuddybning ?? null}, ${a?.vejnavn ?? null}, ${a?.husnummer ?? null}, ${a?.postnummer ?? null}, ${a?.bynavn ?? null},
        ${a?.landekode ?? null}, ${m.samtaleform === 2 ? '+4587131003' : null}, ${m.samtaleform === 2 ? false : null},
        ${m.now}::timestamptz, ${m.now}::timestamptz
      FROM ny
      RETURNING "moedetidId"
    )
    UPDATE moedetid SET "optagnePladser" = "optagnePladser" + 1 WHERE id IN (SELECT "moedetidId" FROM i)`;
}
