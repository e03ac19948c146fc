/**
 * A deterministic generator of realistic CVs (for the benchmark, the query-plan script and the demo
 * data): the same seed, N and reference data give the same CVs, byte for byte. Pure: the occupation
 * and postal-code lists come in as arguments (loaded from the `stillingsbetegnelse` and `postnummer`
 * tables by ./load.ts), the randomness from a seeded PRNG (mulberry32), the times from a fixed epoch.
 *
 * What makes it realistic enough to measure search on: Danish occupations from the committed
 * occupation list with Zipf-like popularity (a few occupations are very common), competences,
 * educations and summaries that fit the occupation's DISCO major group, Danish text, languages and
 * driver licences in plausible shares, postal codes skewed towards the big cities, and a mix of
 * states, statuses and availability so that about a quarter of the CVs are not searchable.
 */
import type { CvInput, CvProfil } from '../schemas';
import type { CvTilstand, Ydelsesgruppe } from '../kodelister';
import { elementChanges, searchColumns, toProfil, type CvContext, type ElementHaendelse } from '../service';
import { prng } from '../../../domain/prng';

export interface Stilling {
  conceptUriDa: string;
  navn: string;
  discoKode: string;
}
export interface Postnr {
  nr: string;
  navn: string;
}

export interface GeneratedCv {
  cpr: string;
  cvNummer: string;
  fornavn: string;
  efternavn: string;
  kommunekode: string;
  kommunenavn: string;
  ydelsesgruppe: Ydelsesgruppe;
  postnummer: string;
  postdistrikt: string;
  adresselinje: string;
  tilstand: CvTilstand;
  status: 1 | 2 | 3 | 5;
  soegbar: boolean;
  versionId: string;
  oprettet: Date;
  opdateret: Date;
  profil: CvProfil;
  kolonner: ReturnType<typeof searchColumns>;
  haendelser: (Omit<ElementHaendelse, 'operation'> & { type: 'Element' | 'Status' | 'Soegbarhed'; operation: ElementHaendelse['operation']; tidspunkt: Date })[];
}


/** FNV-1a, 31 bits: a stable integer reference for an occupation's concept URI (the taxonomy reference). */
export function stillingReference(uri: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < uri.length; i++) h = Math.imul(h ^ uri.charCodeAt(i), 0x01000193) >>> 0;
  return (h & 0x7fffffff) || 1;
}

/** Cumulative weights, and a draw from them. */
function picker<T>(items: readonly T[], weights: readonly number[]): (r: number) => T {
  const cum: number[] = [];
  let s = 0;
  for (const w of weights) cum.push((s += w));
  return (r) => {
    const x = r * s;
    let lo = 0;
    let hi = cum.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cum[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return items[lo]!;
  };
}

const FORNAVNE = ['Anne', 'Mette', 'Kirsten', 'Hanne', 'Helle', 'Susanne', 'Lene', 'Maria', 'Marianne', 'Camilla', 'Louise', 'Sofie', 'Emma', 'Ida', 'Freja', 'Laura', 'Julie', 'Signe', 'Sara', 'Nadia', 'Peter', 'Michael', 'Lars', 'Jens', 'Thomas', 'Henrik', 'Søren', 'Christian', 'Martin', 'Jan', 'Morten', 'Rasmus', 'Mads', 'Jesper', 'Anders', 'Niels', 'Frederik', 'Mikkel', 'Oliver', 'Ahmed', 'Ali', 'Fatima', 'Zainab', 'Piotr', 'Olena', 'Ørjan', 'Åse'];
const EFTERNAVNE = ['Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen', 'Petersen', 'Madsen', 'Kristensen', 'Olsen', 'Thomsen', 'Christiansen', 'Poulsen', 'Johansen', 'Møller', 'Mortensen', 'Østergaard', 'Mikkelsen', 'Frederiksen', 'Kjær', 'Lund', 'Holm', 'Ali', 'Hussein', 'Nowak', 'Kowalski'];
const GADER = ['Vestergade', 'Østergade', 'Nørregade', 'Søndergade', 'Algade', 'Skolevej', 'Kirkevej', 'Møllevej', 'Bøgevej', 'Egevej', 'Birkevej', 'Stationsvej', 'Strandvejen', 'Ringvejen', 'Åboulevarden', 'Frederiksgade', 'Rosenvænget', 'Hyldevang'];
const ARBEJDSGIVERE = ['Region Hovedstaden', 'Aarhus Kommune', 'Odense Kommune', 'Aalborg Kommune', 'Coop Danmark', 'Salling Group', 'Novo Nordisk', 'Vestas', 'Danfoss', 'Arla Foods', 'Mærsk', 'ISS Facility Services', 'PostNord', 'DSB', 'Carlsberg', 'Netto', 'Føtex', 'Jysk', 'Lego', 'Grundfos', 'Danske Bank', 'Nykredit', 'TDC', 'Rambøll', 'COWI', 'MT Højgaard', 'Per Aarsleff', 'Danish Crown', 'Dagrofa', 'Bygma', 'Stark', 'Falck', 'Københavns Kommune', 'Esbjerg Kommune', 'Privathospitalet Mølholm', 'Tømrerfirmaet Ærø ApS'];
const INSTITUTIONER = ['Københavns Universitet', 'Aarhus Universitet', 'Syddansk Universitet', 'Aalborg Universitet', 'DTU', 'CBS', 'Professionshøjskolen Absalon', 'VIA University College', 'UCL Erhvervsakademi', 'Københavns Professionshøjskole', 'Erhvervsakademi Aarhus', 'TEC', 'Syddansk Erhvervsskole', 'Tech College Aalborg', 'Mercantec', 'AMU Nordjylland', 'AMU Fyn', 'Niels Brock', 'Zealand'];

/** Per DISCO major group (first digit): competences, education (level, title stem), summary phrases, licences. */
interface Gruppe {
  kompetencer: string[];
  niveauer: CvInput['cv']['uddannelser'][number]['uddannelsesniveau'][];
  fraser: string[];
  koerekort: string[];
}
const GRUPPER: Record<string, Gruppe> = {
  '0': { kompetencer: ['Ledelse', 'Sikkerhed', 'Logistik', 'Førstehjælp'], niveauer: ['Vocational', 'ShortTertiaryEducation'], fraser: ['Disciplineret og vant til at arbejde under pres', 'Erfaring med logistik og planlægning'], koerekort: ['B', 'C'] },
  '1': { kompetencer: ['Personaleledelse', 'Budgetansvar', 'Strategiudvikling', 'Forandringsledelse', 'Forhandling', 'Projektledelse', 'LEAN'], niveauer: ['Master', 'Bachelor'], fraser: ['Leder med ansvar for drift, økonomi og medarbejdere', 'Skaber resultater gennem tydelig ledelse og godt samarbejde', 'Erfaring med forandringsledelse og strategisk planlægning'], koerekort: ['B'] },
  '2': { kompetencer: ['Projektledelse', 'Dataanalyse', 'Python', 'Excel', 'Formidling', 'Forskning', 'Undervisning', 'Sagsbehandling', 'Jura', 'Regnskab'], niveauer: ['Master', 'Bachelor', 'PhdOrPostdoc'], fraser: ['Akademiker med stærke analytiske evner', 'Erfaring med tværfagligt samarbejde og formidling', 'Brænder for faglig udvikling og kvalitet'], koerekort: ['B'] },
  '3': { kompetencer: ['Dokumentation', 'Kvalitetssikring', 'Teknisk support', 'AutoCAD', 'Laboratoriearbejde', 'Bogføring', 'Økonomistyring', 'Patientpleje'], niveauer: ['ShortTertiaryEducation', 'Bachelor', 'Vocational'], fraser: ['Praktisk og teknisk stærk med blik for detaljen', 'Erfaring med kvalitetssikring og dokumentation', 'God til at samarbejde på tværs af faggrupper'], koerekort: ['B'] },
  '4': { kompetencer: ['Microsoft Office', 'Kundeservice', 'Journalisering', 'Bogføring', 'SAP', 'Telefonbetjening', 'Fakturering', 'Navision'], niveauer: ['Vocational', 'SecondarySchool'], fraser: ['Struktureret kontormedarbejder med styr på detaljerne', 'Serviceminded og god til at bevare overblikket', 'Erfaring med administration, fakturering og kundekontakt'], koerekort: ['B'] },
  '5': { kompetencer: ['Kundeservice', 'Salg', 'Kassebetjening', 'Personlig pleje', 'Madlavning', 'Hygiejne', 'Rengøring', 'Børn og unge', 'Ældrepleje'], niveauer: ['Vocational', 'SecondarySchool', 'PrimarySchoolLastLevel'], fraser: ['Udadvendt og serviceminded med godt humør', 'Omsorgsfuld og vant til at tage ansvar', 'Trives med kundekontakt og travle dage'], koerekort: ['B'] },
  '6': { kompetencer: ['Traktorkørsel', 'Dyrepasning', 'Planteavl', 'Maskinvedligehold', 'Skovarbejde'], niveauer: ['Vocational', 'PrimarySchoolLastLevel'], fraser: ['Vant til at arbejde udendørs i al slags vejr', 'Erfaring med husdyr og maskiner'], koerekort: ['B', 'BE', 'Traktor'] },
  '7': { kompetencer: ['Svejsning', 'Tømrerarbejde', 'Elinstallation', 'VVS', 'Murerarbejde', 'Maling', 'CNC', 'Tegningslæsning', 'Stilladsmontage'], niveauer: ['Vocational'], fraser: ['Faglært håndværker med svendebrev og mange års erfaring', 'Selvstændig, kvalitetsbevidst og god til at løse problemer', 'Erfaring med både nybyg og renovering'], koerekort: ['B', 'BE', 'C1'] },
  '8': { kompetencer: ['Truckcertifikat', 'Maskinbetjening', 'Lagerstyring', 'Godschauffør', 'ADR-bevis', 'Kran', 'Produktion'], niveauer: ['PrimarySchoolLastLevel', 'Vocational', 'LaborMarketCourses'], fraser: ['Mødestabil og vant til skiftende arbejdstider', 'Erfaring med produktion, lager og transport', 'Kan starte med kort varsel'], koerekort: ['B', 'C', 'CE', 'D', 'Truck'] },
  '9': { kompetencer: ['Rengøring', 'Lagerarbejde', 'Pakning', 'Køkkenhjælp', 'Affaldssortering', 'Havearbejde', 'Truckcertifikat'], niveauer: ['PrimarySchoolLastLevel', 'LaborMarketCourses', 'Unknown'], fraser: ['Arbejdsom og mødestabil', 'Vant til fysisk arbejde og holdarbejde', 'Klar til at tage fat med det samme'], koerekort: ['B', 'Truck'] },
};
const FAELLES_KOMPETENCER = ['Microsoft Office', 'Engelsk', 'Samarbejde', 'Førstehjælp', 'Kundeservice', 'Planlægning', 'Selvstændighed'];
const EGENSKABER = ['Jeg er ansvarsbevidst, fleksibel og god til at samarbejde.', 'Kolleger beskriver mig som rolig, positiv og løsningsorienteret.', 'Jeg lærer hurtigt og tager gerne nye opgaver.', 'Jeg sætter en ære i at levere et godt stykke arbejde til tiden.', 'Jeg søger en arbejdsplads med gode kolleger og mulighed for udvikling.'];
const SPROG_ANDRE: [string, number][] = [['de', 0.18], ['sv', 0.06], ['no', 0.05], ['fr', 0.04], ['es', 0.04], ['ar', 0.04], ['pl', 0.03], ['tr', 0.02], ['uk', 0.02], ['fa', 0.01], ['so', 0.01]];
const NIVEAUER = ['Novice', 'AdvancedBeginner', 'Competent', 'Proficient', 'Expert'] as const;
const YDELSESGRUPPER: Ydelsesgruppe[] = ['Dagpenge', 'Dagpenge', 'Dagpenge', 'Kontanthjaelp', 'Uddannelseshjaelp', 'Integrationsprogram', 'Andet', 'Andet'];

/** The serving municipality approximated from the postal code's range (a job centre per region's main city; docs/cv-feeds.md). */
export function kommuneFor(postnr: string): { kode: string; navn: string } {
  const n = Number(postnr);
  if (n < 3000) return { kode: '101', navn: 'København' };
  if (n < 3700) return { kode: '219', navn: 'Hillerød' };
  if (n < 3800) return { kode: '400', navn: 'Bornholm' };
  if (n < 5000) return { kode: '265', navn: 'Roskilde' };
  if (n < 6000) return { kode: '461', navn: 'Odense' };
  if (n < 6700) return { kode: '621', navn: 'Kolding' };
  if (n < 7000) return { kode: '561', navn: 'Esbjerg' };
  if (n < 8000) return { kode: '630', navn: 'Vejle' };
  if (n < 9000) return { kode: '751', navn: 'Aarhus' };
  return { kode: '851', navn: 'Aalborg' };
}

/** The weight of a postal code: the big cities' codes weigh more (Copenhagen, Aarhus, Odense, Aalborg), then a random spread. */
function postnrWeight(nr: string, r: number): number {
  const n = Number(nr);
  let w = 1;
  if (n >= 1000 && n < 2500) w = 8;
  else if (n >= 2500 && n < 3000) w = 4;
  else if (n >= 8000 && n <= 8270) w = 8;
  else if (n >= 5000 && n <= 5270) w = 6;
  else if (n >= 9000 && n <= 9220) w = 6;
  else if ([6000, 6700, 7100, 4000, 8700, 7400, 4700, 3400].includes(n)) w = 5;
  return w * (0.3 + 1.4 * r);
}

export const GENERATOR_EPOCH = Date.UTC(2026, 10, 28, 12, 0, 0);
const DAY = 86_400_000;

/** The CPR of generated CV number i: born 1960-1999, 7th digit 9 (no clash with the demo citizens or the tests' random CPRs). */
export function generatedCpr(i: number): string {
  const days = 14_610; // 1960-01-01 .. 1999-12-31
  const d = new Date(Date.UTC(1960, 0, 1) + ((i * 7919) % days) * DAY);
  const serial = Math.floor(i / days);
  if (serial > 999) throw new Error('at most 14,610,000 generated CVs');
  const p2 = (x: number) => String(x).padStart(2, '0');
  return `${p2(d.getUTCDate())}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCFullYear() % 100)}9${String(serial).padStart(3, '0')}`;
}
/** CV numbers 11000000 and up (the demo citizens have 1000000x, the tests 20000000-99999999). */
export const generatedCvNummer = (i: number) => String(11_000_000 + i);
/** A version id from the seed and index (a UUID-shaped, deterministic value). */
function versionId(seed: number, i: number, rnd: () => number): string {
  const hex = (n: number) => Math.floor(n).toString(16).padStart(8, '0').slice(-8);
  const a = hex(rnd() * 2 ** 32);
  const b = hex(rnd() * 2 ** 32);
  const c = hex(seed);
  const d = hex(i);
  return `${a}-${b.slice(0, 4)}-4${b.slice(5, 8)}-8${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** A generator for one seed over the reference lists; call it with i = 0, 1, 2, ... */
export function cvGenerator(seed: number, stillinger: readonly Stilling[], postnumre: readonly Postnr[]) {
  if (stillinger.length === 0 || postnumre.length === 0) throw new Error('the generator needs occupations and postal codes');
  // The popularity of occupations: a seeded permutation, then Zipf-Mandelbrot (1/(rank + 5)): the commonest about 4 %, the top 20 about a third.
  const setup = prng(seed ^ 0x5eed);
  const order = stillinger.map((s) => ({ s, k: setup() })).sort((x, y) => x.k - y.k).map((x) => x.s);
  const stilling = picker(order, order.map((_, rank) => 1 / (rank + 6)));
  const postnr = picker(postnumre, postnumre.map((p) => postnrWeight(p.nr, setup())));
  const gruppe = (s: Stilling) => GRUPPER[s.discoKode[0] ?? '9'] ?? GRUPPER['9']!;

  return (i: number): GeneratedCv => {
    const r = prng((seed * 1_000_003 + i * 7_919) >>> 0);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
    const chance = (p: number) => r() < p;
    const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

    const cpr = generatedCpr(i);
    const fornavn = pick(FORNAVNE);
    const efternavn = pick(EFTERNAVNE);
    const p = postnr(r());
    const kommune = kommuneFor(p.nr);
    const hoved = stilling(r());
    const g = gruppe(hoved);
    const andre = Array.from({ length: chance(0.55) ? int(1, 2) : 0 }, () => stilling(r())).filter((s, k, xs) => s !== hoved && xs.indexOf(s) === k);
    const aarErfaring = int(0, 30);
    const born = 1960 + Math.floor(((i * 7919) % 14_610) / 365.25);

    const jobmaal = [hoved, ...andre].map((s, k) => ({
      stillingsbetegnelse: s.navn,
      stillingsbetegnelseReference: stillingReference(s.conceptUriDa),
      harUddannelse: k === 0 ? chance(0.7) : chance(0.3),
      maanederMedErfaring: k === 0 ? (aarErfaring === 0 ? 0 : aarErfaring * 12 - int(0, 11)) : chance(0.5) ? int(1, 48) : 0,
      ...(aarErfaring > 0 ? { senesteErfaring: int(2015, 2026) } : {}),
    }));
    const jobs = Array.from({ length: Math.min(6, Math.ceil(aarErfaring / 5)) }, (_, k) => {
      const s = k === 0 || chance(0.6) ? hoved : stilling(r());
      const start = Math.max(born + 18, 2026 - aarErfaring + k * 5);
      return {
        stillingsbetegnelse: s.navn,
        stillingsbetegnelseReference: stillingReference(s.conceptUriDa),
        arbejdsgiver: `${pick(ARBEJDSGIVERE)}${k ? ` (${k + 1})` : ''}`,
        startdato: { aar: Math.min(start, 2025), maaned: int(1, 12) },
        ...(k > 0 || chance(0.5) ? { slutdato: { aar: Math.min(start + int(1, 5), 2026), maaned: 12 } } : {}),
        beskrivelse: `${pick(g.fraser)}. Opgaver som ${s.navn.toLowerCase()}: ${pick(g.kompetencer).toLowerCase()} og ${pick(g.kompetencer).toLowerCase()}.`,
      };
    });
    const niveau = pick(g.niveauer);
    const uddannelser = [
      {
        art: 'FormelUddannelse' as const,
        titel: niveau === 'Vocational' ? `${hoved.navn} (erhvervsuddannelse)` : niveau === 'PrimarySchoolLastLevel' || niveau === 'Unknown' ? 'Folkeskolens afgangsprøve' : `Uddannelse som ${hoved.navn.toLowerCase()}`,
        institution: pick(INSTITUTIONER),
        uddannelsesniveau: niveau,
        slutdato: { aar: Math.min(2026, born + 20 + int(0, 10)) },
      },
      ...(chance(0.4) ? [{ art: 'Kursus' as const, titel: `Kursus i ${pick(g.kompetencer).toLowerCase()}`, institution: pick(INSTITUTIONER), slutdato: { aar: int(2010, 2026) } }] : []),
    ];
    const kompetencer = [...new Set([...Array.from({ length: int(2, 5) }, () => pick(g.kompetencer)), ...(chance(0.5) ? [pick(FAELLES_KOMPETENCER)] : [])])];
    const sprog = [
      ...(chance(0.93) ? [{ kode: 'da', niveau: 'Expert' as const }] : [{ kode: 'da', niveau: pick(NIVEAUER) }]),
      ...(chance(0.72) ? [{ kode: 'en', niveau: pick(NIVEAUER) }] : []),
      ...SPROG_ANDRE.filter(([, share]) => chance(share)).map(([kode]) => ({ kode, niveau: pick(NIVEAUER) })),
    ];
    const koerekort = [...new Set([...(chance(0.75) ? ['B'] : []), ...g.koerekort.filter((k) => k !== 'B' && chance(0.25))])].map((kode) => ({ kode }));
    const fuldtid = chance(0.8);
    const html = `<p>${hoved.navn} med ${aarErfaring === 0 ? 'lyst til at komme i gang' : `${aarErfaring} års erfaring`}. ${pick(g.fraser)}.</p><p>${pick(EGENSKABER)}</p>${
      kompetencer.length > 2 ? `<ul>${kompetencer.slice(0, 3).map((k) => `<li>${k}</li>`).join('')}</ul>` : ''
    }`;

    const input: CvInput = {
      kontaktoplysninger: { email: `cv${11_000_000 + i}@example.dk`, telefonnumre: [`+45 ${20_000_000 + ((i * 7_919) % 79_999_999)}`] },
      jobbetingelser: {
        fuldtid,
        deltid: !fuldtid || chance(0.3),
        ...(chance(0.6) ? { startHurtigstMuligt: true } : { startEfterAftale: true }),
        ...(chance(0.8) ? { fastStilling: true } : {}),
        ...(chance(0.35) ? { midlertidigStilling: true } : {}),
        ...(chance(0.9) ? { almindeligeVilkaar: true } : chance(0.7) ? { efterloennerVilkaar: true } : { foertidspensionistVilkaar: true }),
        ...(chance(0.6) ? { egenBil: true } : {}),
      },
      jobmaal,
      cv: {
        tidligereErhvervserfaring: jobs,
        uddannelser,
        kvalifikationer: kompetencer.map((navn) => ({ navn })),
        koerekort,
        sprogkundskaber: sprog,
        andreErfaringer: chance(0.15) ? [{ titel: 'Frivilligt arbejde', sted: `${pick(['Røde Kors', 'Kirkens Korshær', 'DGI', 'Spejderne'])} ${p.navn}`, beskrivelse: pick(EGENSKABER), startdato: { aar: int(2010, 2025) } }] : [],
        fagligProfil: { htmlTekst: html },
        websider: chance(0.1) ? [`https://www.linkedin.com/in/cv-${11_000_000 + i}`] : [],
      },
    };
    const adresselinje = `${pick(GADER)} ${int(1, 120)}`;
    const ctx = { cpr, fornavn, efternavn, landekode: 'DK', adresselinje, postnummer: p.nr, postdistrikt: p.navn, coAdresse: null } as CvContext;
    const cvNummer = generatedCvNummer(i);
    const profil = toProfil(ctx, cvNummer, input, html);

    // States: 97 % active; 88 % searchable; status 1 none yet, 2, 3, 5 (5 and inactive make it unsearchable).
    const x = r();
    const tilstand: CvTilstand = x < 0.97 ? 'Aktiv' : x < 0.985 ? 'Arkiveret' : x < 0.995 ? 'Deaktiveret' : 'Laast';
    const y = r();
    const status = (y < 0.35 ? 1 : y < 0.5 ? 2 : y < 0.92 ? 3 : 5) as 1 | 2 | 3 | 5;
    const soegbar = chance(0.88);
    const oprettet = new Date(GENERATOR_EPOCH - int(30, 900) * DAY - int(0, 86_399) * 1000);
    const opdateret = chance(0.5) ? new Date(Math.min(GENERATOR_EPOCH, oprettet.getTime() + int(1, 400) * DAY + int(0, 86_399) * 1000)) : oprettet;
    const vid = versionId(seed, i, r);

    const haendelser: GeneratedCv['haendelser'] = elementChanges(null, profil).map((e) => ({ ...e, type: 'Element' as const, tidspunkt: oprettet }));
    if (opdateret > oprettet) {
      haendelser.push({ type: 'Element', operation: 'Update', element: 'FagligProfil', noegle: '', tidspunkt: opdateret });
      if (chance(0.5)) haendelser.push({ type: 'Element', operation: 'Update', element: 'Jobbetingelser', noegle: '', tidspunkt: opdateret });
    }
    if (status !== 1) haendelser.push({ type: 'Status', operation: 'Update', element: 'CvStatus', noegle: '', tidspunkt: new Date(opdateret.getTime() + 3_600_000) });
    if (!soegbar) haendelser.push({ type: 'Soegbarhed', operation: 'Update', element: 'Inactive', noegle: '', tidspunkt: new Date(opdateret.getTime() + 7_200_000) });

    return {
      cpr,
      cvNummer,
      fornavn,
      efternavn,
      kommunekode: kommune.kode,
      kommunenavn: kommune.navn,
      ydelsesgruppe: pick(YDELSESGRUPPER),
      postnummer: p.nr,
      postdistrikt: p.navn,
      adresselinje,
      tilstand,
      status,
      soegbar,
      versionId: vid,
      oprettet,
      opdateret,
      profil,
      kolonner: searchColumns(profil),
      haendelser,
    };
  };
}
