import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '../../generated/prisma/client';
import { DEMO_AKASSER, DEMO_CITIZENS, type DemoCitizen, type DemoCitizenKey } from '../../domain/demo-citizens';
import type { CvTilstand, SettableCvStatus, Ydelsesgruppe } from './kodelister';
import type { CvInput } from './schemas';
import { elementChanges, searchColumns, toProfil, type CvContext } from './service';
import { seedGeneratedDemoCvs } from './generator/demo';

/**
 * The CV area's demo data: every demo citizen with a Jobnet account gets registry facts
 * (cv_stamdata: municipality, benefit group, address; the a-kasse membership is the shared fact,
 * seeded with the citizens in src/db/seed.ts) and, except Dorthe (deceased, no
 * CV) and Bo (no account), a full CV with Danish letters. Anna's CV has three status versions
 * (2, 5, then 3); Gustav's is archived (4753); Ib's is locked (4823). Idempotent: a citizen who
 * already has a CV is left alone.
 */

interface Stamdata {
  kommunekode: string;
  kommunenavn: string;
  ydelsesgruppe: Ydelsesgruppe | null;
  adresselinje: string;
  postnummer: string;
  postdistrikt: string;
}


export const DEMO_CV_STAMDATA: Partial<Record<DemoCitizenKey, Stamdata>> = {
  anna: { kommunekode: '751', kommunenavn: 'Aarhus', ydelsesgruppe: 'Dagpenge', adresselinje: 'Åboulevarden 12, 2. th.', postnummer: '8000', postdistrikt: 'Aarhus C' },
  dorthe: { kommunekode: '101', kommunenavn: 'København', ydelsesgruppe: null, adresselinje: 'Østerbrogade 1', postnummer: '2100', postdistrikt: 'København Ø' },
  erik: { kommunekode: '101', kommunenavn: 'København', ydelsesgruppe: 'Kontanthjaelp', adresselinje: 'Nørrebrogade 44, 3. tv.', postnummer: '2200', postdistrikt: 'København N' },
  frida: { kommunekode: '751', kommunenavn: 'Aarhus', ydelsesgruppe: 'Dagpenge', adresselinje: 'Frederiks Allé 7', postnummer: '8000', postdistrikt: 'Aarhus C' },
  gustav: { kommunekode: '461', kommunenavn: 'Odense', ydelsesgruppe: 'Andet', adresselinje: 'Vestergade 3', postnummer: '5000', postdistrikt: 'Odense C' },
  hanne: { kommunekode: '461', kommunenavn: 'Odense', ydelsesgruppe: 'Andet', adresselinje: 'Søndergade 19', postnummer: '5000', postdistrikt: 'Odense C' },
  ib: { kommunekode: '851', kommunenavn: 'Aalborg', ydelsesgruppe: 'Dagpenge', adresselinje: 'Boulevarden 2', postnummer: '9000', postdistrikt: 'Aalborg' },
  jens: { kommunekode: '851', kommunenavn: 'Aalborg', ydelsesgruppe: 'Dagpenge', adresselinje: 'Hjørringvej 88', postnummer: '9400', postdistrikt: 'Nørresundby' },
  karen: { kommunekode: '101', kommunenavn: 'København', ydelsesgruppe: 'Uddannelseshjaelp', adresselinje: 'Ærøgade 5, st.', postnummer: '2100', postdistrikt: 'København Ø' },
  lise: { kommunekode: '751', kommunenavn: 'Aarhus', ydelsesgruppe: 'Andet', adresselinje: 'Ølgade 4', postnummer: '8000', postdistrikt: 'Aarhus C' },
  mads: { kommunekode: '751', kommunenavn: 'Aarhus', ydelsesgruppe: 'Integrationsprogram', adresselinje: 'Grønnegade 30', postnummer: '8000', postdistrikt: 'Aarhus C' },
};

const profil = (html: string): CvInput['cv']['fagligProfil'] => ({ htmlTekst: html });

/** A plausible CV for a demo citizen. */
function demoCv(key: DemoCitizenKey): CvInput {
  const c = DEMO_CITIZENS[key];
  const email = `${c.fornavn.toLowerCase().replace('å', 'aa').replace('ø', 'oe')}.${c.efternavn.toLowerCase()}@example.dk`;
  const base: CvInput = {
    kontaktoplysninger: { email, telefonnumre: ['+45 20304050'] },
    jobbetingelser: { fuldtid: true, startEfterAftale: true, fastStilling: true, almindeligeVilkaar: true },
    jobmaal: [],
    cv: { tidligereErhvervserfaring: [], uddannelser: [], kvalifikationer: [], koerekort: [{ kode: 'B' }], sprogkundskaber: [{ kode: 'da', niveau: 'Expert' }], andreErfaringer: [], websider: [] },
  };
  switch (key) {
    case 'anna':
      return {
        ...base,
        jobmaal: [
          { stillingsbetegnelse: 'Pædagog', stillingsbetegnelseReference: 4711, harUddannelse: true, maanederMedErfaring: 72, senesteErfaring: 2025 },
          { stillingsbetegnelse: 'Dagplejer', stillingsbetegnelseReference: 4712, harUddannelse: false, maanederMedErfaring: 6 },
        ],
        cv: {
          tidligereErhvervserfaring: [
            { stillingsbetegnelse: 'Pædagog', stillingsbetegnelseReference: 4711, arbejdsgiver: 'Børnehuset Ærtebjerg', startdato: { aar: 2019, maaned: 8 }, slutdato: { aar: 2025, maaned: 6 }, beskrivelse: 'Ansvar for førskolegruppen, sprogvurderinger og forældresamarbejde.' },
            { stillingsbetegnelse: 'Pædagogmedhjælper', arbejdsgiver: 'Vuggestuen Søstjernen', startdato: { aar: 2013, maaned: 3 }, slutdato: { aar: 2015, maaned: 7 }, beskrivelse: 'Daglig omsorg for børn på 0-3 år.' },
          ],
          uddannelser: [
            { art: 'FormelUddannelse', titel: 'Pædagog, professionsbachelor', institution: 'VIA University College', uddannelsesniveau: 'Bachelor', startdato: { aar: 2015, maaned: 9 }, slutdato: { aar: 2019, maaned: 6 } },
            { art: 'Kursus', titel: 'Førstehjælp til småbørn', institution: 'Dansk Røde Kors', slutdato: { aar: 2023 } },
          ],
          kvalifikationer: [{ navn: 'Sprogvurdering af børn', kvalifikationReference: 1201 }, { navn: 'Førstehjælp' }],
          koerekort: [{ kode: 'B' }],
          sprogkundskaber: [{ kode: 'da', niveau: 'Expert' }, { kode: 'en', niveau: 'Proficient' }, { kode: 'de', niveau: 'AdvancedBeginner' }],
          andreErfaringer: [{ titel: 'Frivillig træner', sted: 'Ølstykke Svømmeklub', beskrivelse: 'Træner for børnehold på 6-9 år.', startdato: { aar: 2021 } }],
          fagligProfil: profil('<p>Erfaren <strong>pædagog</strong> med fokus på:</p><ul><li>sprogstimulering</li><li><em>udeliv</em> og natur</li></ul>'),
          websider: ['https://www.linkedin.com/in/anna-andersen'],
        },
      };
    case 'erik':
      return {
        ...base,
        jobbetingelser: { deltid: true, startHurtigstMuligt: true, midlertidigStilling: true },
        jobmaal: [{ stillingsbetegnelse: 'Lagermedarbejder', stillingsbetegnelseReference: 5120, harUddannelse: false, maanederMedErfaring: 18, senesteErfaring: 2024 }],
        cv: {
          ...base.cv,
          tidligereErhvervserfaring: [{ stillingsbetegnelse: 'Lagermedarbejder', stillingsbetegnelseReference: 5120, arbejdsgiver: 'Føtex Lager Høje Taastrup', startdato: { aar: 2022, maaned: 1 }, slutdato: { aar: 2024, maaned: 6 }, beskrivelse: 'Plukning, pakning og truckkørsel.' }],
          uddannelser: [{ art: 'FormelUddannelse', titel: 'Folkeskolens 9. klasse', uddannelsesniveau: 'PrimarySchoolLastLevel', slutdato: { aar: 2016 } }, { art: 'Certifikat', titel: 'Truckcertifikat B', institution: 'AMU Øst', slutdato: { aar: 2022 } }],
          koerekort: [{ kode: 'B' }, { kode: 'Truck' }],
          fagligProfil: profil('<p>Stabil og mødestabil lagermedarbejder. <u>Kan starte med det samme.</u></p>'),
        },
      };
    case 'frida':
      return {
        ...base,
        jobmaal: [{ stillingsbetegnelse: 'Bogholder', stillingsbetegnelseReference: 3313, harUddannelse: true, maanederMedErfaring: 96, senesteErfaring: 2026 }],
        cv: {
          ...base.cv,
          tidligereErhvervserfaring: [{ stillingsbetegnelse: 'Bogholder', stillingsbetegnelseReference: 3313, arbejdsgiver: 'Århus Tømrer & Snedker ApS', startdato: { aar: 2018 }, slutdato: { aar: 2026, maaned: 3 }, beskrivelse: 'Debitor, kreditor, moms og årsafslutning i e-conomic.' }],
          uddannelser: [{ art: 'FormelUddannelse', titel: 'Kontoruddannelse med speciale i regnskab', institution: 'Aarhus Business College', uddannelsesniveau: 'Vocational', slutdato: { aar: 2010 } }],
          sprogkundskaber: [{ kode: 'da', niveau: 'Expert' }, { kode: 'en', niveau: 'Competent' }, { kode: 'sv', niveau: 'Novice' }],
          fagligProfil: profil('<p><strong>Bogholder</strong> med otte års erfaring fra små virksomheder.</p>'),
        },
      };
    case 'hanne':
      return {
        ...base,
        jobbetingelser: { deltid: true, startEfterAftale: true, efterloennerVilkaar: true },
        jobmaal: [{ stillingsbetegnelse: 'Kontorassistent', stillingsbetegnelseReference: 4110, harUddannelse: true, maanederMedErfaring: 400, senesteErfaring: 2025 }],
        cv: {
          ...base.cv,
          tidligereErhvervserfaring: [{ stillingsbetegnelse: 'Kontorassistent', stillingsbetegnelseReference: 4110, arbejdsgiver: 'Odense Kommune, Borgerservice', startdato: { aar: 1990 }, slutdato: { aar: 2025, maaned: 12 }, beskrivelse: 'Sagsbehandling, journalisering og borgerkontakt.' }],
          uddannelser: [{ art: 'FormelUddannelse', titel: 'Kontorassistent', uddannelsesniveau: 'Vocational', slutdato: { aar: 1979 } }],
          sprogkundskaber: [{ kode: 'da', niveau: 'Expert' }, { kode: 'en', niveau: 'Competent' }, { kode: 'fr', niveau: 'Novice' }],
        },
      };
    case 'jens':
      return {
        ...base,
        jobmaal: [{ stillingsbetegnelse: 'Tømrer', stillingsbetegnelseReference: 7115, harUddannelse: true, maanederMedErfaring: 180, senesteErfaring: 2026 }],
        cv: {
          ...base.cv,
          tidligereErhvervserfaring: [{ stillingsbetegnelse: 'Tømrer', stillingsbetegnelseReference: 7115, arbejdsgiver: 'Nørresundby Byg A/S', startdato: { aar: 2011, maaned: 2 }, beskrivelse: 'Tagarbejde, renovering og nybyg.' }],
          uddannelser: [{ art: 'FormelUddannelse', titel: 'Tømrer (svendebrev)', institution: 'Tech College Aalborg', uddannelsesniveau: 'Vocational', slutdato: { aar: 2010, maaned: 12 } }],
          koerekort: [{ kode: 'B' }, { kode: 'BE' }, { kode: 'C1' }],
        },
      };
    case 'karen':
      return {
        ...base,
        jobmaal: [{ stillingsbetegnelse: 'Butiksassistent', stillingsbetegnelseReference: 5223, harUddannelse: false, maanederMedErfaring: 12 }],
        cv: {
          ...base.cv,
          uddannelser: [{ art: 'FormelUddannelse', titel: 'Studentereksamen (stx)', institution: 'Øregård Gymnasium', uddannelsesniveau: 'SecondarySchool', slutdato: { aar: 2012, maaned: 6 } }],
          andreErfaringer: [{ titel: 'Frivillig i genbrugsbutik', sted: 'Røde Kors Østerbro', beskrivelse: 'Kasse, sortering og skiltning.', startdato: { aar: 2024, maaned: 3 } }],
          sprogkundskaber: [{ kode: 'da', niveau: 'Expert' }, { kode: 'en', niveau: 'Proficient' }, { kode: 'es', niveau: 'Competent' }],
        },
      };
    case 'mads':
      return {
        ...base,
        jobmaal: [{ stillingsbetegnelse: 'Køkkenmedhjælper', stillingsbetegnelseReference: 9412, harUddannelse: false, maanederMedErfaring: 24 }],
        cv: {
          ...base.cv,
          andreErfaringer: [{ titel: 'Kok', sted: 'Restaurant i Aleppo', beskrivelse: 'Ikke angivet', startdato: { aar: 2015 }, slutdato: { aar: 2017 } }],
          sprogkundskaber: [{ kode: 'ar', niveau: 'Expert' }, { kode: 'da', niveau: 'AdvancedBeginner' }, { kode: 'en', niveau: 'Competent' }],
          koerekort: [],
          fagligProfil: profil('<p>Faglig profil ikke angivet</p>'),
        },
      };
    default:
      return {
        ...base,
        jobmaal: [{ stillingsbetegnelse: 'Rengøringsassistent', stillingsbetegnelseReference: 9112, harUddannelse: false, maanederMedErfaring: 30 }],
        cv: { ...base.cv, tidligereErhvervserfaring: [{ stillingsbetegnelse: 'Rengøringsassistent', arbejdsgiver: 'ISS Facility Services', startdato: { aar: 2020 }, slutdato: { aar: 2023 }, beskrivelse: 'Erhvervsrengøring på kontorer i Århus.' }] },
      };
  }
}

/** Which demo citizens get a CV, in which state; Dorthe (deceased) and Bo (no account) get none. */
const DEMO_CVS: { key: DemoCitizenKey; tilstand: CvTilstand; statusser?: SettableCvStatus[] }[] = [
  { key: 'anna', tilstand: 'Aktiv', statusser: [2, 5, 3] },
  { key: 'erik', tilstand: 'Aktiv' },
  { key: 'frida', tilstand: 'Aktiv', statusser: [3] },
  { key: 'gustav', tilstand: 'Arkiveret' },
  { key: 'hanne', tilstand: 'Aktiv' },
  { key: 'ib', tilstand: 'Laast' },
  { key: 'jens', tilstand: 'Aktiv', statusser: [2] },
  { key: 'karen', tilstand: 'Aktiv' },
  { key: 'lise', tilstand: 'Aktiv' },
  { key: 'mads', tilstand: 'Aktiv' },
];

export const demoCvInput = demoCv;

/**
 * A CV of realistic size (about 20 KB of JSON): 12 jobs, 8 educations, 10 qualifications, 4
 * languages, 6 other experiences and a formatted summary. For the benchmark and the tests.
 */
export function largeCvInput(): CvInput {
  const lorem =
    'Ansvar for den daglige drift, planlægning af vagter og oplæring af nye kolleger. Tæt samarbejde med ledelsen om kvalitet, ' +
    'økonomi og arbejdsmiljø; deltog i udviklingen af nye arbejdsgange og dokumentation. Kørte projekter om digitalisering. ';
  return {
    kontaktoplysninger: { email: 'soeren.oestergaard@example.dk', telefonnumre: ['+45 20304050', '+45 86123456'] },
    jobbetingelser: { egenBil: true, fuldtid: true, deltid: true, startEfterAftale: true, fastStilling: true, midlertidigStilling: true, almindeligeVilkaar: true },
    jobmaal: Array.from({ length: 5 }, (_, i) => ({
      stillingsbetegnelse: ['Projektleder', 'Driftsleder', 'Teamleder', 'Logistikkoordinator', 'Planlægger'][i],
      stillingsbetegnelseReference: 2000 + i,
      harUddannelse: i % 2 === 0,
      maanederMedErfaring: 12 * (i + 2),
      senesteErfaring: 2020 + i,
    })),
    cv: {
      tidligereErhvervserfaring: Array.from({ length: 12 }, (_, i) => ({
        stillingsbetegnelse: `Driftsleder, afdeling ${i + 1}`,
        stillingsbetegnelseReference: 2000 + (i % 5),
        arbejdsgiver: `Østjysk Logistik & Lager A/S (${i + 1})`,
        startdato: { aar: 2000 + i, maaned: 1 + (i % 12) },
        slutdato: { aar: 2001 + i, maaned: 1 + (i % 12) },
        beskrivelse: lorem.repeat(3).slice(0, 900),
      })),
      uddannelser: Array.from({ length: 8 }, (_, i) => ({
        art: (['FormelUddannelse', 'Kursus', 'Certifikat'] as const)[i % 3],
        titel: `Uddannelse i ledelse og økonomi, modul ${i + 1}`,
        institution: 'Erhvervsakademi Aarhus',
        ...(i % 3 === 0 ? { uddannelsesniveau: 'ShortTertiaryEducation' as const } : {}),
        startdato: { aar: 1995 + i },
        slutdato: { aar: 1996 + i },
        beskrivelse: lorem.slice(0, 300),
      })),
      kvalifikationer: Array.from({ length: 10 }, (_, i) => ({ navn: `Kvalifikation nr. ${i + 1}: planlægning og ærlig kommunikation`, kvalifikationReference: 100 + i })),
      koerekort: [{ kode: 'B' }, { kode: 'C' }, { kode: 'CE' }, { kode: 'Truck' }],
      sprogkundskaber: [
        { kode: 'da', niveau: 'Expert' },
        { kode: 'en', niveau: 'Proficient' },
        { kode: 'de', niveau: 'Competent' },
        { kode: 'sv', niveau: 'AdvancedBeginner' },
      ],
      andreErfaringer: Array.from({ length: 6 }, (_, i) => ({
        titel: `Formand for grundejerforeningen ${i + 1}`,
        sted: 'Grundejerforeningen Åparken',
        beskrivelse: lorem.slice(0, 400),
        startdato: { aar: 2010 + i },
      })),
      fagligProfil: {
        htmlTekst:
          '<p>Erfaren <strong>driftsleder</strong> med mange års ledelse af lager og logistik.</p><ul>' +
          Array.from({ length: 8 }, (_, i) => `<li><em>Kompetence ${i + 1}</em>: ${lorem.slice(0, 120)}</li>`).join('') +
          '</ul><p><u>Søger</u> nye udfordringer i Østjylland.</p>',
      },
      websider: ['https://www.linkedin.com/in/soeren-oestergaard', 'https://example.dk/portfolio'],
    },
  };
}

/** The number of the demo citizen's a-kasse (src/domain/demo-citizens.ts), or null. */
const akasseNummer = (c: DemoCitizen): string | null => (c.akasse ? DEMO_AKASSER[c.akasse].nummer : null);

/** The CvContext of a demo citizen, for building the profile document outside a request. */
function demoContext(key: DemoCitizenKey): CvContext {
  const c = DEMO_CITIZENS[key];
  const s = DEMO_CV_STAMDATA[key];
  return {
    cpr: c.cpr,
    fornavn: c.fornavn,
    efternavn: c.efternavn,
    doed: false,
    kontaktgruppe: null,
    kommunekode: s?.kommunekode ?? null,
    kommunenavn: s?.kommunenavn ?? null,
    akasse: akasseNummer(c),
    ydelsesgruppe: s?.ydelsesgruppe ?? null,
    landekode: 'DK',
    adresselinje: s?.adresselinje ?? null,
    postnummer: s?.postnummer ?? null,
    postdistrikt: s?.postdistrikt ?? null,
    coAdresse: null,
    cvNummer: 'cvNummer' in c ? c.cvNummer : null,
    tilstand: null,
    status: null,
    kommentar: null,
    soegbar: null,
    versionId: null,
  };
}

const DEMO_TIME = Date.parse('2026-09-01T08:00:00.000Z');
const DAY = 86_400_000;

export async function seedCvDemoData(prisma: PrismaClient): Promise<void> {
  await prisma.cvStamdata.createMany({
    data: Object.entries(DEMO_CV_STAMDATA).map(([key, s]) => ({ cpr: DEMO_CITIZENS[key as DemoCitizenKey].cpr, landekode: 'DK', ...s })),
    skipDuplicates: true,
  });
  const existing = new Set((await prisma.cv.findMany({ select: { cpr: true } })).map((r) => r.cpr));
  for (const demo of DEMO_CVS) {
    const citizen = DEMO_CITIZENS[demo.key];
    if (existing.has(citizen.cpr) || !('cvNummer' in citizen)) continue;
    const ctx = demoContext(demo.key);
    const dokument = toProfil(ctx, citizen.cvNummer, demoCv(demo.key));
    const cols = searchColumns(dokument);
    const versionId = randomUUID();
    const created = new Date(DEMO_TIME);
    const statusser = demo.statusser ?? [];
    const lastStatus = statusser[statusser.length - 1] ?? 1;
    await prisma.$transaction([
      prisma.cv.create({
        data: {
          cpr: citizen.cpr,
          tilstand: demo.tilstand,
          status: lastStatus,
          kommentar: lastStatus === 5 ? 'Jobønskerne mangler erfaring.' : null,
          soegbar: demo.key !== 'lise',
          versionId,
          oprettet: created,
          opdateret: new Date(DEMO_TIME + statusser.length * DAY),
        },
      }),
      prisma.cvVersion.create({
        data: { id: versionId, cpr: citizen.cpr, aarsag: 'ReplaceCV', tidspunkt: created, dokument, ...cols, opdateret: created },
      }),
      ...statusser.map((status, i) =>
        prisma.cvVersion.create({
          data: {
            id: randomUUID(),
            cpr: citizen.cpr,
            aarsag: 'Status',
            status,
            kommentar: status === 5 ? 'Jobønskerne mangler erfaring.' : null,
            tidspunkt: new Date(DEMO_TIME + (i + 1) * DAY),
            dokument,
            ...cols,
            opdateret: created,
          },
        }),
      ),
      prisma.cvHaendelse.createMany({
        data: [
          ...elementChanges(null, dokument).map((e) => ({ cpr: citizen.cpr, cvNummer: citizen.cvNummer, type: 'Element', ...e, versionId, tidspunkt: created })),
          ...statusser.map((_, i) => ({
            cpr: citizen.cpr,
            cvNummer: citizen.cvNummer,
            type: 'Status',
            operation: 'Update',
            element: 'CvStatus',
            tidspunkt: new Date(DEMO_TIME + (i + 1) * DAY),
          })),
        ],
      }),
    ]);
  }
  // A few hundred generated CVs (src/modules/cv/generator), so search and the change feeds show something.
  await seedGeneratedDemoCvs(prisma);
}
