/**
 * Fixtures of the fuzz test (test/integration/fuzz.test.ts) for the planning API
 * (/v1/Borgerbooking/Planlaegning): an Aarhus offer with slots and a summons of the fuzz's living
 * citizen, valid bodies relative to today, the ids to aim path parameters at, and the resets that keep
 * each operation's success path reachable. Not a test by itself.
 */
import { randomUUID } from 'node:crypto';
import { testPrisma } from '../helpers/db';
import { opretMoedetilbud } from './helpers';

export interface PlannerFuzzFixtures {
  moedetilbudId: string;
  moedetidId: string;
  /** A summons (type 5) of the living citizen by the Aarhus job centre, for AnnullerIndkaldelse. */
  indkaldelseId: string;
  sagsbehandlerId: number;
}

/** What fuzz.test.ts's AreaOp needs from here (kept structural, so the two files do not import each other's types). */
export interface PlannerFuzzOp {
  role: 'jobcenter' | 'system';
  org?: string;
  valid?: () => unknown;
  reset?: () => Promise<unknown>;
  /** Path parameters that address the fixtures (fuzz.test.ts's validParams), sent now and then. */
  params?: () => Record<string, string>;
  validQuery?: [string, string][];
}

const DAG = 86_400_000;
const om = (days: number, minutes = 0) => new Date(Date.now() + days * DAG + minutes * 60_000).toISOString();
const dag = (days: number) => om(days).slice(0, 10);

/** The offer (Aarhus, Jobsamtale, days 0 to 60, two slots), and a type-5 summons of `living`. */
export async function plannerFuzzSetup(living: string): Promise<PlannerFuzzFixtures> {
  const t = await opretMoedetilbud({
    kommunekode: '751',
    foersteMoedetid: om(0),
    sidsteMoedetid: om(60),
    moedetider: [{ start: om(10), pladser: 50 }, { start: om(11), pladser: 50 }],
  });
  const fixtures = { moedetilbudId: t.moedetilbudId, moedetidId: t.moedetidIder[0], indkaldelseId: randomUUID(), sagsbehandlerId: t.sagsbehandlere[0].id };
  await ensureIndkaldelse({ ...fixtures, living });
  return fixtures;
}

/**
 * The type-5 summons of the living citizen, active; created again if another area's reset removed it
 * (Borgerbooking's citizen fixtures delete the living citizen's meetings).
 */
function ensureIndkaldelse(fx: PlannerFuzzFixtures & { living: string }) {
  const data = {
    cpr: fx.living,
    oprindelse: 'Indkaldt',
    selvbooket: false,
    organisationKode: 751,
    organisationType: 1,
    borgerSkalAcceptere: true,
    ombookingMulig: false,
    aflysningMulig: false,
    obligatoriskFremmoede: true,
    starttidspunkt: new Date(om(12)),
    sluttidspunkt: new Date(om(12, 30)),
    samtaleType: 5,
    moedeGruppeType: 1,
    samtaleform: 2,
    moedetitel: 'Virksomhedsrettet samtale',
    sagsbehandlerId: fx.sagsbehandlerId,
  };
  return testPrisma().indkaldelse.upsert({ where: { id: fx.indkaldelseId }, create: { id: fx.indkaldelseId, ...data }, update: { status: 'Aktiv', aflystTidspunkt: null } });

}

function tilbudBody() {
  return {
    samtaleType: 3,
    moedeGruppeType: 2,
    samtaleformer: [1, 3],
    moedeLokation: { adresse: { vejnavn: 'Værkmestergade', husnummer: '2', postnummer: '8000', bynavn: 'Aarhus C' } },
    moedeVarighed: 60,
    foersteMoedetid: om(1),
    sidsteMoedetid: om(30),
    borgerKanVaelgeSagsbehandler: false,
    moedetitel: 'Informationsmøde',
    selvbookingMulig: true,
    ombookingMulig: true,
    ombookingFristMinutter: 60,
    aflysningMulig: false,
    sagsbehandlere: [{ fornavne: 'Fuzz', efternavn: 'Planner', eksterntId: 'FUZZ-PLANNER-751' }],
  };
}

export function plannerFuzzOps(fx: () => PlannerFuzzFixtures & { living: string }): Record<string, PlannerFuzzOp> {
  const aarhus = { role: 'jobcenter' as const, org: '751' };
  const tilbud = () => ({ moedetilbudId: fx().moedetilbudId });
  const slot = () => ({ moedetilbudId: fx().moedetilbudId, moedetidId: fx().moedetidId });
  const aktiv = () => testPrisma().moedetilbud.update({ where: { id: fx().moedetilbudId }, data: { aktiv: true } });
  return {
    CreateMoedetilbud: { ...aarhus, valid: () => ({ ...tilbudBody(), moedetider: [{ starttidspunkt: om(2), maksimaltMoededeltagerantal: 20 }] }) },
    GetMoedetilbudListe: { ...aarhus, validQuery: [['aktiv', 'true'], ['antal', '3']] },
    GetMoedetilbud: { ...aarhus, params: tilbud },
    UpdateMoedetilbud: { ...aarhus, params: tilbud, reset: aktiv, valid: () => ({ ...tilbudBody(), samtaleType: 1, moedeGruppeType: 1 }) },
    DeaktiverMoedetilbud: { ...aarhus, params: tilbud },
    CreateMoedetider: {
      ...aarhus,
      params: tilbud,
      reset: aktiv,
      // A start no other draw has used (minutes within 50 days; the offer's range is 60 days).
      valid: () => ({ moedetider: [{ starttidspunkt: om(1, Math.floor(Math.random() * 50 * 1440)), maksimaltMoededeltagerantal: 3 }] }),
    },
    UpdateMoedetid: { ...aarhus, params: slot, valid: () => ({ maksimaltMoededeltagerantal: 40 }) },
    DeaktiverMoedetid: { ...aarhus, params: slot },
    GetBookingerPaaMoedetilbud: { ...aarhus, params: tilbud },
    GetBookingerPaaMoedetid: { ...aarhus, params: slot },
    GetFrister: { ...aarhus },
    SetFrist: { ...aarhus, params: () => ({ samtaleType: '3' }), valid: () => ({ friststatusType: 1, fristdato: dag(5), sidsteAfholdelsesdato: dag(15) }) },
    DeleteFrist: {
      ...aarhus,
      params: () => ({ samtaleType: '3' }),
      reset: () =>
        testPrisma().bookingFrist.upsert({
          where: { cpr_samtaleType: { cpr: fx().living, samtaleType: 3 } },
          create: { id: randomUUID(), cpr: fx().living, samtaleType: 3, friststatusType: 1, fristdato: new Date(`${dag(5)}T00:00:00Z`), sidsteAfholdelsesdato: new Date(`${dag(15)}T00:00:00Z`) },
          update: {},
        }),
    },
    CreateIndkaldelse: {
      ...aarhus,
      reset: () => testPrisma().indkaldelse.deleteMany({ where: { cpr: fx().living, samtaleType: 4 } }),
      valid: () => ({
        borgerSkalAcceptere: true,
        ombookingMulig: true,
        ombookingFrist: om(3),
        aflysningMulig: false,
        obligatoriskFremmoede: true,
        moedeStarttidspunkt: om(4),
        moedeVarighed: 30,
        samtaleType: 4,
        moedeGruppeType: 1,
        samtaleformType: 3,
        moedetitel: 'Samtale med a-kassen',
        sagsbehandler: { fornavne: 'Fuzz', efternavn: 'Planner', eksterntId: 'FUZZ-PLANNER-751' },
        kontaktDetaljer: { digitalKontakt: 'https://video.example.dk/rum/42' },
      }),
    },
    AnnullerIndkaldelse: {
      ...aarhus,
      params: () => ({ indkaldelseId: fx().indkaldelseId }),
      reset: () => ensureIndkaldelse(fx()),
    },
    GetFejlmeldinger: { role: 'system', validQuery: [['fejlOphav', '32']] },
  };
}
