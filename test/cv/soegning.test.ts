/**
 * SearchCVText (POST /v1/CV/action/soeg) over HTTP against the real PostgreSQL: relevance, every filter,
 * distance and its boundaries, facets against a brute-force count, paging stability, 9339 and unknown codes,
 * roles, unsearchable CVs, the audit log. docs/cv-search.md.
 *
 * Other test files create CVs in the same database at the same time, so every data set here carries its own
 * made-up word in the summary (`ord`), and every search includes it: the searches see only the set's CVs.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildTestApp, tokenFor } from '../helpers/app';
import { testPrisma } from '../helpers/db';
import { demoCvInput } from '../../src/modules/cv/demo-data';
import type { CvInput } from '../../src/modules/cv/schemas';
import { SPROG } from '../../src/modules/cv/kodelister';
import { BASE, call, createCvCitizen, expectProblem, token } from './helpers';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const URL = `${BASE}/action/soeg`;
const soeg = (body: unknown, tok = token('jobcenter')) => call(app, 'POST', URL, '0000000000', { body, token: tok });

/** A made-up word of letters only (the Danish stemmer leaves it alone). */
function nytOrd(): string {
  const a = 'bcdfghjklmnpqrstvwxz';
  let s = 'kvz';
  for (let i = 0; i < 9; i++) s += a[Math.floor(Math.random() * a.length)];
  return s;
}

interface Spec {
  stillinger?: { navn: string; uddannelse?: boolean; erfaring?: number }[];
  tidligereJob?: string;
  kompetencer?: string[];
  uddannelser?: { titel: string; niveau?: string }[];
  sprog?: string[];
  koerekort?: string[];
  betingelser?: Partial<Record<'fuldtid' | 'deltid' | 'startHurtigstMuligt' | 'startEfterAftale' | 'fastStilling' | 'midlertidigStilling' | 'almindeligeVilkaar' | 'efterloennerVilkaar' | 'foertidspensionistVilkaar', boolean>>;
  profil?: string;
  postnummer?: string;
  by?: string;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function cvInput(s: Spec, ord: string): CvInput {
  const base = clone(demoCvInput('anna'));
  let ref = 7000;
  return {
    kontaktoplysninger: base.kontaktoplysninger,
    jobbetingelser: s.betingelser ?? {},
    jobmaal: (s.stillinger ?? []).map((j) => ({
      stillingsbetegnelse: j.navn,
      stillingsbetegnelseReference: ref++,
      harUddannelse: j.uddannelse ?? false,
      maanederMedErfaring: j.erfaring ?? 0,
    })),
    cv: {
      tidligereErhvervserfaring: s.tidligereJob
        ? [{ stillingsbetegnelse: s.tidligereJob, arbejdsgiver: 'Firma A/S', startdato: { aar: 2015 }, slutdato: { aar: 2020 } }]
        : [],
      uddannelser: (s.uddannelser ?? []).map((u) => ({
        art: 'FormelUddannelse' as const,
        titel: u.titel,
        ...(u.niveau ? { uddannelsesniveau: u.niveau as never } : {}),
      })),
      kvalifikationer: (s.kompetencer ?? []).map((navn) => ({ navn })),
      koerekort: (s.koerekort ?? []).map((kode) => ({ kode })),
      sprogkundskaber: (s.sprog ?? []).map((kode) => ({ kode, niveau: 'Proficient' as const })),
      andreErfaringer: [],
      fagligProfil: { htmlTekst: `<p>${s.profil ?? 'Stabil og mødestabil.'} ${ord}</p>` },
      websider: [],
    },
  };
}

/** A fresh citizen with a CV made by ReplaceCV (the triggers fill the search projection). */
async function lavCv(s: Spec, ord: string) {
  const c = await createCvCitizen();
  if (s.postnummer) {
    await testPrisma().cvStamdata.update({ where: { cpr: c.cpr }, data: { postnummer: s.postnummer, postdistrikt: s.by ?? 'Et sted' } });
  }
  const res = await call(app, 'PUT', BASE, c.cpr, { body: cvInput(s, ord) });
  expect(res.statusCode).toBe(200);
  return { ...c, spec: s };
}

const cvNumre = (res: { json(): { cvPersoner: { cvNummer: string }[] } }) => res.json().cvPersoner.map((p) => p.cvNummer);

describe('relevance', () => {
  const ord = nytOrd();
  let titel: Awaited<ReturnType<typeof lavCv>>;
  let profil: Awaited<ReturnType<typeof lavCv>>;
  let sekundaer: Awaited<ReturnType<typeof lavCv>>;
  let ingen: Awaited<ReturnType<typeof lavCv>>;
  beforeAll(async () => {
    titel = await lavCv({ stillinger: [{ navn: 'Sygeplejerske' }] }, ord);
    profil = await lavCv({ stillinger: [{ navn: 'Kontorassistent' }], profil: 'Har tidligere arbejdet tæt sammen med sygeplejersker på et hospital.' }, ord);
    sekundaer = await lavCv({ stillinger: [{ navn: 'Social- og sundhedsassistent' }] }, ord);
    ingen = await lavCv({ stillinger: [{ navn: 'Tømrer' }] }, ord);
  });

  it('finds the plural by the singular (Danish stemming), and an exact occupation outranks a mention in the summary', async () => {
    const res = await soeg({ soegetekst: `sygeplejerske ${ord}` });
    expect(res.statusCode).toBe(200);
    // websearch syntax: both words must be there; the made-up word is in every CV of the set.
    expect(cvNumre(res)).toEqual([titel.cvNummer, profil.cvNummer]);
  });

  it('ranks a match of the secondary string below the same match of the primary, and finds CVs by either', async () => {
    const res = await soeg({ soegetekst: `sygeplejerske ${ord}`, sekundaerSoegetekst: `sundhedsassistent ${ord}` });
    const numre = cvNumre(res);
    expect(numre[0]).toBe(titel.cvNummer);
    expect(new Set(numre)).toEqual(new Set([titel.cvNummer, profil.cvNummer, sekundaer.cvNummer]));
    expect(numre).not.toContain(ingen.cvNummer);
    // The same CV as primary match (title) ranks first; as secondary match (title) behind the primary title match.
    const omvendt = cvNumre(await soeg({ soegetekst: `sundhedsassistent ${ord}`, sekundaerSoegetekst: `sygeplejerske ${ord}` }));
    expect(omvendt[0]).toBe(sekundaer.cvNummer);
    expect(omvendt.indexOf(titel.cvNummer)).toBeGreaterThan(0);
  });

  it('weighs the job title above qualifications and those above the summary', async () => {
    const o = nytOrd();
    const a = await lavCv({ stillinger: [{ navn: 'Truckfører' }] }, o);
    const c = await lavCv({ profil: 'Kører gerne truck.', stillinger: [{ navn: 'Lagermedarbejder' }] }, o);
    const b = await lavCv({ kompetencer: ['Truck'], stillinger: [{ navn: 'Chauffør' }] }, o);
    const res = await soeg({ soegetekst: `truck ${o}` });
    // "Truckfører" is one word and does not stem to "truck": only the qualification and the summary match.
    expect(cvNumre(res)).toEqual([b.cvNummer, c.cvNummer]);
    expect(cvNumre(await soeg({ soegetekst: `truckfører ${o}` }))).toEqual([a.cvNummer]);
  });
});

describe('filters, distance and facets', () => {
  const ord = nytOrd();
  let cv: Awaited<ReturnType<typeof lavCv>>[] = [];
  const specs: Spec[] = [
    {
      stillinger: [{ navn: 'Tømrer', uddannelse: true, erfaring: 60 }],
      kompetencer: ['Stilladsbygning', 'Førstehjælp'],
      uddannelser: [{ titel: 'Tømrer (svendebrev)', niveau: 'Vocational' }, { titel: 'Folkeskole', niveau: 'PrimarySchoolLastLevel' }],
      sprog: ['da', 'en'],
      koerekort: ['B', 'C1'],
      betingelser: { almindeligeVilkaar: true, fuldtid: true, startHurtigstMuligt: true, fastStilling: true },
      postnummer: '8000',
      by: 'Aarhus C',
    },
    {
      stillinger: [{ navn: 'Tømrer' }, { navn: 'Murer', erfaring: 12 }],
      kompetencer: ['Førstehjælp'],
      uddannelser: [{ titel: 'Studentereksamen', niveau: 'SecondarySchool' }],
      sprog: ['da'],
      koerekort: ['B'],
      betingelser: { efterloennerVilkaar: true, deltid: true, startEfterAftale: true, midlertidigStilling: true },
      postnummer: '8200',
      by: 'Aarhus N',
    },
    {
      stillinger: [{ navn: 'Pædagog', uddannelse: true, erfaring: 12 }],
      uddannelser: [{ titel: 'Pædagog, professionsbachelor', niveau: 'Bachelor' }],
      sprog: ['da', 'de'],
      betingelser: { foertidspensionistVilkaar: true, fuldtid: true, deltid: true, startEfterAftale: true },
      postnummer: '2100',
      by: 'København Ø',
    },
    {
      stillinger: [{ navn: 'Murer', uddannelse: true }],
      kompetencer: ['Stilladsbygning'],
      sprog: ['en'],
      koerekort: ['B'],
      betingelser: { almindeligeVilkaar: true, fuldtid: true, fastStilling: true },
      postnummer: '5000',
      by: 'Odense C',
    },
  ];
  beforeAll(async () => {
    cv = [];
    for (const s of specs) cv.push(await lavCv(s, ord));
  });
  const nr = (...i: number[]) => i.map((x) => cv[x]!.cvNummer).sort();
  const hits = async (filter: Record<string, unknown>) => {
    const res = await soeg({ soegetekst: ord, ...filter });
    expect(res.statusCode).toBe(200);
    return cvNumre(res).sort();
  };

  it('filters by every list: one of the values within a list, every list', async () => {
    expect(await hits({})).toEqual(nr(0, 1, 2, 3));
    expect(await hits({ stillingsbetegnelser: ['Tømrer'] })).toEqual(nr(0, 1));
    expect(await hits({ stillingsbetegnelser: ['Tømrer', 'Pædagog'] })).toEqual(nr(0, 1, 2));
    expect(await hits({ stillingsbetegnelserMedUddannelse: ['Tømrer'] })).toEqual(nr(0));
    expect(await hits({ stillingsbetegnelserUdenUddannelse: ['Tømrer'] })).toEqual(nr(1));
    expect(await hits({ stillingsbetegnelserMedErfaring: ['Murer'] })).toEqual(nr(1));
    expect(await hits({ stillingsbetegnelserUdenErfaring: ['Murer'] })).toEqual(nr(3));
    expect(await hits({ kompetencer: ['Stilladsbygning'] })).toEqual(nr(0, 3));
    expect(await hits({ uddannelsesniveauer: ['Vocational'] })).toEqual(nr(0)); // the highest level only
    expect(await hits({ uddannelsesniveauer: ['PrimarySchoolLastLevel'] })).toEqual([]);
    expect(await hits({ sprog: ['de'] })).toEqual(nr(2));
    expect(await hits({ sprog: ['Tysk', 'en'] })).toEqual(nr(0, 2, 3)); // a Danish name is a language too
    expect(await hits({ koerekort: ['C1'] })).toEqual(nr(0));
    expect(await hits({ ansaettelsesbetingelser: ['Almindelige vilkår'] })).toEqual(nr(0, 3));
    expect(await hits({ ansaettelsesbetingelser: ['Efterlønnere og seniorer'] })).toEqual(nr(1));
    expect(await hits({ ansaettelsesbetingelser: ['Førtidspensionister på særlige vilkår'] })).toEqual(nr(2));
    expect(await hits({ byer: ['Aarhus C', 'Odense C'] })).toEqual(nr(0, 3));
    expect(await hits({ arbejdstid: ['Deltid'] })).toEqual(nr(1, 2));
    expect(await hits({ ansaettelsesstart: ['Hurtigst muligt'] })).toEqual(nr(0));
    expect(await hits({ ansaettelsesform: ['Tidsbegrænset'] })).toEqual(nr(1));
    expect(await hits({ koerekort: ['B'], sprog: ['en'] })).toEqual(nr(0, 3));
    expect(await hits({ koerekort: ['b'], arbejdstid: ['fuldtid'] })).toEqual(nr(0, 3)); // any case
  });

  it('filters by distance from a postal code, a city or a point, the radius boundary included', async () => {
    const [{ km }] = await testPrisma().$queryRaw<{ km: number }[]>`
      SELECT earth_distance(ll_to_earth(a.lat, a.lon), ll_to_earth(b.lat, b.lon)) / 1000 AS km
      FROM postnummer a, postnummer b WHERE a.nr = '8000' AND b.nr = '8200'`;
    expect(km).toBeGreaterThan(1);
    expect(km % 1).not.toBe(0);
    expect(await hits({ naerPostnummer: '8000', afstandKm: Math.floor(km) })).toEqual(nr(0));
    expect(await hits({ naerPostnummer: '8000', afstandKm: Math.ceil(km) })).toEqual(nr(0, 1));
    // The legacy default of 40 km: Aarhus, not Copenhagen or Odense.
    expect(await hits({ naerPostnummer: '8000' })).toEqual(nr(0, 1));
    expect(await hits({ naerBy: 'aarhus c', afstandKm: 1 })).toEqual(nr(0));
    expect(await hits({ naerBy: 'København Ø', afstandKm: 1 })).toEqual(nr(2));
    expect(await hits({ naerBy: 'Aarhus' })).toEqual(nr(0, 1)); // the centre of Aarhus C, N, V, ...
    const [p] = await testPrisma().$queryRaw<{ lat: number; lon: number }[]>`SELECT lat, lon FROM postnummer WHERE nr = '5000'`;
    expect(await hits({ geoPunkt: { lat: p!.lat, lon: p!.lon }, afstandKm: 1 })).toEqual(nr(3));
    // Odense-Aarhus is about 90 km, Odense-Copenhagen about 135 km.
    expect(await hits({ geoPunkt: { lat: p!.lat, lon: p!.lon }, afstandKm: 120 })).toEqual(nr(0, 1, 3));
    const res = await soeg({ soegetekst: ord, naerPostnummer: '8000', afstandKm: 10 });
    const person = res.json().cvPersoner.find((x: { cvNummer: string }) => x.cvNummer === cv[1]!.cvNummer);
    expect(person.afstandKm).toBeCloseTo(km, 0);
    expect(person).toMatchObject({ postnummer: '8200', by: 'Aarhus N', kommune: { kommunekode: '751', kommunenavn: 'Aarhus' } });
  });

  it('counts each facet with every filter except its own (checked against a brute-force count)', async () => {
    const filtre = { koerekort: ['B'], sprog: ['en'], arbejdstid: ['Fuldtid'] };
    const res = await soeg({ soegetekst: ord, ...filtre, antalGrupper: 50 });
    expect(res.statusCode).toBe(200);
    const body = res.json();

    // Brute force over the specs: the values of each group, and which filters a CV passes.
    const vaerdier = (s: Spec): Record<string, string[]> => {
      const b = s.betingelser ?? {};
      const niveauRang = ['Unknown', 'PrimarySchoolFoundation', 'PrimarySchoolLastLevel', 'OtherCourses', 'LaborMarketCourses', 'SecondarySchool', 'Vocational', 'ShortTertiaryEducation', 'Bachelor', 'Master', 'PhdOrPostdoc'];
      const niveauer = (s.uddannelser ?? []).map((u) => u.niveau!).filter(Boolean).sort((x, y) => niveauRang.indexOf(y) - niveauRang.indexOf(x));
      return {
        stillingsbetegnelser: (s.stillinger ?? []).map((j) => j.navn),
        stillingsbetegnelserMedUddannelse: (s.stillinger ?? []).filter((j) => j.uddannelse).map((j) => j.navn),
        stillingsbetegnelserMedErfaring: (s.stillinger ?? []).filter((j) => (j.erfaring ?? 0) > 0).map((j) => j.navn),
        kompetencer: s.kompetencer ?? [],
        uddannelsesniveauer: niveauer.slice(0, 1),
        sprog: s.sprog ?? [],
        koerekort: s.koerekort ?? [],
        ansaettelsesbetingelser: [
          ...(b.almindeligeVilkaar ? ['Almindelige vilkår'] : []),
          ...(b.efterloennerVilkaar ? ['Efterlønnere og seniorer'] : []),
          ...(b.foertidspensionistVilkaar ? ['Førtidspensionister på særlige vilkår'] : []),
        ],
        byer: s.by ? [s.by] : [],
        arbejdstid: [...(b.fuldtid ? ['Fuldtid'] : []), ...(b.deltid ? ['Deltid'] : [])],
        ansaettelsesstart: [...(b.startHurtigstMuligt ? ['Hurtigst muligt'] : []), ...(b.startEfterAftale ? ['Efter aftale'] : [])],
        ansaettelsesform: [...(b.fastStilling ? ['Fast ansættelse'] : []), ...(b.midlertidigStilling ? ['Tidsbegrænset'] : [])],
      };
    };
    const passes = (v: Record<string, string[]>, undtagen?: string) =>
      Object.entries(filtre).every(([g, fv]) => g === undtagen || fv.some((x) => v[g]!.includes(x)));
    const forventet: Record<string, Record<string, number>> = {};
    for (const s of specs) {
      const v = vaerdier(s);
      for (const [g, liste] of Object.entries(v)) {
        if (!passes(v, g)) continue;
        for (const x of liste) (forventet[g] ??= {})[x] = (forventet[g]![x] ?? 0) + 1;
      }
    }
    const faaet: Record<string, Record<string, number>> = {};
    for (const [g, liste] of Object.entries(body.grupper as Record<string, { navn: string; antal: number }[]>)) {
      for (const x of liste) (faaet[g] ??= {})[x.navn] = x.antal;
    }
    expect(faaet).toEqual(forventet);
    // Ticking "B" leaves the other licences' counts: C1 is still counted.
    expect(faaet.koerekort).toEqual({ B: 2, C1: 1 });
    expect(body.antalResultater).toBe(2);
    expect(body.grupper.sprog.find((x: { navn: string }) => x.navn === 'en')).toEqual({ navn: 'en', visningsnavn: SPROG.en, antal: 2 });
    // Most first, then by name; GroupLimit caps each group.
    const kort = (await soeg({ soegetekst: ord, antalGrupper: 1 })).json().grupper;
    expect(kort.sprog).toEqual([{ navn: 'da', visningsnavn: 'Dansk', antal: 3 }]);
    expect((await soeg({ soegetekst: ord, antalGrupper: 0 })).json().grupper.sprog).toEqual([]);
  });

  it('keeps only enrolled citizens with kunTilmeldte, and CVs changed in the interval', async () => {
    const prisma = testPrisma();
    const ny = (cpr: string, afmeldt: boolean) =>
      prisma.tilmelding.create({
        data: {
          id: randomUUID(),
          cpr,
          klientkategori: 1,
          ledighedsgrad: 1,
          tilmeldingsdato: new Date('2020-01-01'),
          kilde: 'Jobcenter',
          ...(afmeldt ? { afmeldingsdato: new Date('2021-01-01'), afmeldingsaarsag: 1 } : {}),
          oprettet: new Date(),
          opdateret: new Date(),
        },
      });
    await ny(cv[0]!.cpr, false);
    await ny(cv[1]!.cpr, true);
    expect(await hits({ kunTilmeldte: true })).toEqual(nr(0));

    await prisma.cv.update({ where: { cpr: cv[2]!.cpr }, data: { opdateret: new Date('2020-06-01T00:00:00Z') } });
    expect(await hits({ opdateretFoer: '2021-01-01T00:00:00Z' })).toEqual(nr(2));
    expect(await hits({ opdateretEfter: '2021-01-01T00:00:00Z' })).toEqual(nr(0, 1, 3));
    expect(await hits({ opdateretEfter: '2020-06-01T00:00:00Z', opdateretFoer: '2020-06-02T00:00:00Z' })).toEqual([]); // "later than": not equal
    expect(await hits({ opdateretEfter: '2020-05-31T23:59:59Z', opdateretFoer: '2020-06-01T00:00:01+00:00' })).toEqual(nr(2));
  });
});

describe('paging', () => {
  it('keeps the order of a search id while CVs change, leaves out CVs that became unsearchable, and caps page size and depth', async () => {
    // A search id belongs to the token's subject: one searcher throughout.
    const jc = tokenFor({ role: 'jobcenter', org: '751', sub: `soeger-${randomUUID()}` });
    const soeg = (body: unknown) => call(app, 'POST', URL, '0000000000', { body, token: jc });
    const ord = nytOrd();
    const cvs = [];
    for (let i = 0; i < 7; i++) cvs.push(await lavCv({ stillinger: [{ navn: i % 2 ? 'Tømrer' : 'Murer' }] }, ord));
    const side1 = await soeg({ soegetekst: ord, resultaterPrSide: 3 });
    expect(side1.statusCode).toBe(200);
    const b1 = side1.json();
    expect(b1).toMatchObject({ sidenummer: 1, resultaterPrSide: 3, antalResultater: 7, antalSider: 3 });
    const soegeId = b1.soegeId;

    // The whole order, read before any change.
    const alle = cvNumre(await soeg({ soegetekst: ord, resultaterPrSide: 100 }));

    // Changes between the pages: a new matching CV, a CV made more relevant, a CV made unsearchable.
    const ny = await lavCv({ stillinger: [{ navn: 'Murer' }], profil: `${ord} ${ord} ${ord}` }, ord);
    const sidsteSide2 = alle[5]!;
    const skjult = cvs.find((c) => c.cvNummer === sidsteSide2)!;
    expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, skjult.cpr, { body: { soegbarhed: 'Inactive' } })).statusCode).toBe(200);

    const side2 = await soeg({ soegeId, sidenummer: 2, resultaterPrSide: 3 });
    const side3 = await soeg({ soegeId: soegeId.toUpperCase(), sidenummer: 3, resultaterPrSide: 3, soegetekst: 'ignoreret' });
    expect(side2.json()).toMatchObject({ soegeId, sidenummer: 2, antalResultater: 7 });
    const sider = [...cvNumre(side1), ...cvNumre(side2), ...cvNumre(side3)];
    expect(sider).toEqual(alle.filter((n) => n !== sidsteSide2));
    expect(sider).not.toContain(ny.cvNummer);
    expect(cvNumre(await soeg({ soegeId, sidenummer: 4, resultaterPrSide: 3 }))).toEqual([]);
    // A new search sees the changes.
    const igen = cvNumre(await soeg({ soegetekst: ord, resultaterPrSide: 100 }));
    expect(igen).toContain(ny.cvNummer);
    expect(igen).not.toContain(sidsteSide2);
    // Facets and total come from the snapshot too.
    expect(side2.json().grupper).toEqual(b1.grupper);

    expectProblem(await soeg({ soegetekst: ord, resultaterPrSide: 101 }), 400, 1014, '/resultaterPrSide');
    expectProblem(await soeg({ soegetekst: ord, resultaterPrSide: 100, sidenummer: 11 }), 400, 1014, '/sidenummer');
    expect((await soeg({ soegetekst: ord, resultaterPrSide: 100, sidenummer: 10 })).statusCode).toBe(200);
  });

  it('answers 400/1014 naming soegeId for an unknown search id, and for another searcher\'s (subject, role and organisation)', async () => {
    const ukendt = await soeg({ soegeId: randomUUID(), sidenummer: 2 });
    const body = expectProblem(ukendt, 400, 1014, '/soegeId');
    expect(body.fejl[0].beskrivelse).toMatch(/ukendt eller udløbet/);
    const ord = nytOrd();
    await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord);
    const mine = (await soeg({ soegetekst: ord }, tokenFor({ role: 'jobcenter', org: '751', sub: 'soeger-a' }))).json();
    expect((await soeg({ soegeId: mine.soegeId, sidenummer: 1 }, tokenFor({ role: 'jobcenter', org: '751', sub: 'soeger-a' }))).statusCode).toBe(200);
    expectProblem(await soeg({ soegeId: mine.soegeId, sidenummer: 1 }, tokenFor({ role: 'jobcenter', org: '751', sub: 'soeger-b' })), 400, 1014, '/soegeId');
    // The same subject acting for another organisation or in another role is another searcher too.
    expectProblem(await soeg({ soegeId: mine.soegeId, sidenummer: 1 }, tokenFor({ role: 'jobcenter', org: '461', sub: 'soeger-a' })), 400, 1014, '/soegeId');
    expectProblem(await soeg({ soegeId: mine.soegeId, sidenummer: 1 }, tokenFor({ role: 'anden-aktoer', org: '751', sub: 'soeger-a' })), 400, 1014, '/soegeId');
  });
});

describe('bad input', () => {
  it('answers 400/9339 when no criterion is given', async () => {
    expectProblem(await soeg({}), 400, 9339);
    expectProblem(await soeg({ resultaterPrSide: 10, kompetencer: [], stillingsbetegnelser: [' '] }), 400, 9339);
    // Only Danish stop words: nothing to search by.
    const stop = expectProblem(await soeg({ soegetekst: 'og i at' }), 400, 9339);
    expect(stop.detail).toMatch(/stop words/);
    expect((await soeg({ kunTilmeldte: true, antalGrupper: 0, resultaterPrSide: 1 })).statusCode).toBe(200);
  });

  it('answers 400/1014 for an unknown code, naming the field and the nearest valid values', async () => {
    const f = async (body: unknown, felt: string, forslag: RegExp) => {
      const b = expectProblem(await soeg(body), 400, 1014, felt);
      expect(b.fejl[0].beskrivelse).toMatch(forslag);
    };
    await f({ stillingsbetegnelser: ['Sygeplejeske'] }, '/stillingsbetegnelser/0', /nærmeste gyldige: "Sygeplejerske"/);
    await f({ stillingsbetegnelserMedErfaring: ['Pædagog', 'Tømre'] }, '/stillingsbetegnelserMedErfaring/1', /ukendt værdi "Tømre".*"Tømrer"/);
    await f({ uddannelsesniveauer: ['Bachelour'] }, '/uddannelsesniveauer/0', /"Bachelor"/);
    await f({ sprog: ['engelks'] }, '/sprog/0', /"Engelsk"/);
    await f({ koerekort: ['BB'] }, '/koerekort/0', /"B"/);
    await f({ arbejdstid: ['Fuld tid'] }, '/arbejdstid/0', /"Fuldtid"/);
    await f({ naerPostnummer: '8001' }, '/naerPostnummer', /"8000"/);
    await f({ naerBy: 'Århus C' }, '/naerBy', /"Aarhus C"/);
    await f({ byer: ['Odense CC'] }, '/byer/0', /"Odense C"/);
    // Several at once: one entry each.
    const flere = expectProblem(await soeg({ sprog: ['xx'], koerekort: ['Q'] }), 400, 1014);
    expect(flere.fejl.map((e: { felt: string }) => e.felt)).toEqual(['/sprog/0', '/koerekort/0']);
    expectProblem(await soeg({ naerPostnummer: '8000', naerBy: 'Aarhus' }), 400, 1014, '/naerBy');
    expectProblem(await soeg({ soegetekst: 'murer', afstandKm: 10 }), 400, 1014, '/afstandKm');
    expectProblem(await soeg({ kunTilmeldte: true, opdateretEfter: '2025-01-02T00:00:00Z', opdateretFoer: '2025-01-01T00:00:00Z' }), 400, 1014, '/opdateretFoer');
    expectProblem(await soeg({ soegetekst: 'x'.repeat(201) }), 400, 1014, '/soegetekst');
    expectProblem(await soeg({ soegeId: 'nej' }), 400, 1014, '/soegeId');
  });

  it('accepts an occupation some CV has even when the code list lacks it (ReplaceCV takes titles as text)', async () => {
    const ord = nytOrd();
    const c = await lavCv({ stillinger: [{ navn: `Kvantefysiker ${ord}` }] }, ord);
    expect(cvNumre(await soeg({ stillingsbetegnelser: [`Kvantefysiker ${ord}`] }))).toEqual([c.cvNummer]);
  });
});

describe('who may search, and what they see', () => {
  it('lets job centres, other actors (without CPR numbers) and system search; not citizens, a-kasser or STAR', async () => {
    const ord = nytOrd();
    const c = await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord);
    const jc = (await soeg({ soegetekst: ord }, token('jobcenter'))).json();
    expect(jc.cvPersoner).toEqual([expect.objectContaining({ cpr: c.cpr, cvNummer: c.cvNummer, fornavn: 'Søren', efternavn: 'Østergård' })]);
    const sys = (await soeg({ soegetekst: ord }, token('system'))).json();
    expect(sys.cvPersoner[0].cpr).toBe(c.cpr);
    const aa = await soeg({ soegetekst: ord }, token('anden-aktoer'));
    expect(aa.statusCode).toBe(200);
    expect(aa.json().cvPersoner[0]).not.toHaveProperty('cpr');
    expect(aa.json().cvPersoner[0].cvNummer).toBe(c.cvNummer);
    for (const rolle of ['a-kasse', 'star'] as const) expectProblem(await soeg({ soegetekst: ord }, token(rolle)), 403, 4575);
    expectProblem(await call(app, 'POST', URL, c.cpr, { body: { soegetekst: ord }, token: tokenFor({ cpr: c.cpr }) }), 403, 4575);
  });

  it('never returns an unsearchable CV: inactive, archived, locked or status 5 (ej godkendt); a CV is found again when it is active again', async () => {
    const ord = nytOrd();
    const [synlig, inaktiv, arkiveret, laast, afvist] = [
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord),
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord),
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord),
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord),
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord),
    ];
    expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, inaktiv!.cpr, { body: { soegbarhed: 'Inactive' } })).statusCode).toBe(200);
    await testPrisma().cv.update({ where: { cpr: arkiveret!.cpr }, data: { tilstand: 'Arkiveret' } });
    await testPrisma().cv.update({ where: { cpr: laast!.cpr }, data: { tilstand: 'Laast' } });
    const status = await call(app, 'PUT', `${BASE}/Status`, afvist!.cpr, { body: { cvStatus: 5, kommentar: 'Mangler erfaring.' }, token: token('jobcenter') });
    expect(status.statusCode).toBe(200);
    expect(cvNumre(await soeg({ soegetekst: ord }))).toEqual([synlig!.cvNummer]);
    const facetter = (await soeg({ soegetekst: ord })).json().grupper.stillingsbetegnelser;
    expect(facetter).toEqual([{ navn: 'Murer', antal: 1 }]);
    expect((await call(app, 'PUT', `${BASE}/Soegbarhed`, inaktiv!.cpr, { body: { soegbarhed: 'Active' } })).statusCode).toBe(200);
    expect(cvNumre(await soeg({ soegetekst: ord })).sort()).toEqual([synlig!.cvNummer, inaktiv!.cvNummer].sort());
  });
});

describe('audit', () => {
  it('writes every search to the CV audit log: who, the criteria and the hit count; refused ones too', async () => {
    // The other Jest worker writes to the log at the same time: read this test's period, up to the page cap.
    const fra = new Date(Date.now() - 1000).toISOString();
    const ord = nytOrd();
    await lavCv({ stillinger: [{ navn: 'Murer' }], koerekort: ['B'] }, ord);
    await lavCv({ stillinger: [{ navn: 'Murer' }], koerekort: ['B'] }, ord);
    const sub = `soeger-${randomUUID()}`;
    const kriterier = { soegetekst: ord, koerekort: ['B'], resultaterPrSide: 5 };
    const res = await soeg(kriterier, tokenFor({ role: 'jobcenter', org: '101', sub }));
    expect(res.statusCode).toBe(200);
    await soeg({}, tokenFor({ role: 'jobcenter', org: '101', sub }));
    await soeg({ soegetekst: ord }, tokenFor({ role: 'a-kasse', org: '1001', sub }));
    const borger = await createCvCitizen();
    await call(app, 'POST', URL, borger.cpr, { body: { soegetekst: ord }, token: tokenFor({ cpr: borger.cpr, sub }) });
    const log = await call(app, 'GET', `${BASE}/Adgangslog?antal=500&fra=${fra}`, '0000000000', { token: token('system') });
    expect(log.statusCode).toBe(200);
    const mine = log.json().opslag.filter((o: { subjekt: string }) => o.subjekt === sub);
    expect(mine).toEqual([
      // A citizen's own attempt is logged too, without a CPR (a search is about no one citizen).
      { tidspunkt: expect.any(String), subjekt: sub, rolle: 'borger', operation: 'SearchCVText', tilladt: false, fejlkode: 4575 },
      expect.objectContaining({ operation: 'SearchCVText', rolle: 'a-kasse', tilladt: false, fejlkode: 4575 }),
      expect.objectContaining({ operation: 'SearchCVText', rolle: 'jobcenter', tilladt: false, fejlkode: 9339 }),
      // The criteria as validated (with the defaults filled in).
      {
        tidspunkt: expect.any(String),
        subjekt: sub,
        rolle: 'jobcenter',
        organisation: '101',
        operation: 'SearchCVText',
        tilladt: true,
        kriterier: { ...kriterier, sidenummer: 1, antalGrupper: 20, kunTilmeldte: false },
        antalHits: 2,
      },
    ]);
  });
});

describe('search id expiry', () => {
  it('answers 400/1014 for a search id older than 30 minutes (injected clock)', async () => {
    let t = Date.parse('2026-11-29T10:00:00.000Z');
    const clockApp = await buildTestApp({ clock: { now: () => new Date(t) } });
    try {
      const ord = nytOrd();
      await lavCv({ stillinger: [{ navn: 'Murer' }] }, ord);
      const jc = tokenFor({ role: 'jobcenter', org: '751', sub: `soeger-${randomUUID()}` });
      const s = (body: unknown) => call(clockApp, 'POST', URL, '0000000000', { body, token: jc });
      const first = (await s({ soegetekst: ord })).json();
      expect(first.udloeber).toBe('2026-11-29T10:30:00.000Z');
      t += 29 * 60 * 1000;
      expect((await s({ soegeId: first.soegeId })).statusCode).toBe(200);
      t += 2 * 60 * 1000;
      expectProblem(await s({ soegeId: first.soegeId }), 400, 1014, '/soegeId');
    } finally {
      await clockApp.close();
    }
  });
});
