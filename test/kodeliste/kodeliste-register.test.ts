/**
 * KodelisteRegister (src/domain/kodeliste-register.ts) over the committed data files: the values
 * agree with every number and name of the specifications, and each check gives its fejlkode.
 */
import { erInternBruger } from '../../src/domain/kodeliste-register';
import { checkJoboensker, tilJoboensker } from '../../src/modules/tilmelding/joboensker';
import { BYGNINGSTOEMRER_ALIAS, DRONEPILOT, KOK, registerFromFiles, TELEFONIST, TOEMRER } from './fixtures';

const register = registerFromFiles();
const TODAY = '2026-11-29';
const kode = (v: { fejl: { fejlkode: number; felt?: string }[] } | null) => v?.fejl.map((f) => [f.fejlkode, f.felt]);

describe('the values the specifications name', () => {
  it('cash-benefit categories are exactly 2, 4, 6, 7, 8 and 9 (4378)', () => {
    expect(register.klientkategorier.filter((k) => k.kontanthjaelpskategori).map((k) => k.kode)).toEqual([2, 4, 6, 7, 8, 9]);
  });

  it("'Tilmeldt uden ydelse' is the one category without benefit, and 'Ikke ledig' the one not-unemployed status (4339)", () => {
    expect(register.klientkategorier.filter((k) => k.udenYdelse).map((k) => k.navn)).toEqual(['Tilmeldt uden ydelse']);
    expect(register.ledighedsgrader.filter((l) => l.ikkeLedig).map((l) => l.navn)).toEqual(['Ikke ledig']);
  });

  it("the insurance categories are 'Heltidsforsikret' and 'Deltidsforsikret' and nothing else (4321)", () => {
    expect(register.forsikringskategorier.map((f) => f.navn).sort()).toEqual(['Deltidsforsikret', 'Heltidsforsikret']);
  });

  it('an a-kasse may register CV status for contact groups 1, 8 and 23 only (9009)', () => {
    expect(register.kontaktgrupper.filter((k) => k.akasseMaaRegistrereCvStatus).map((k) => k.kode)).toEqual([1, 8, 23]);
    expect(register.akasseMaaRegistrereCvStatus(8)).toBe(true);
    expect(register.akasseMaaRegistrereCvStatus(2)).toBe(false);
    expect(register.akasseMaaRegistrereCvStatus(999)).toBe(false);
  });

  it('every category refers to a contact group and to existing ledighedsgrader; uden ydelse allows ikke ledig', () => {
    for (const k of register.klientkategorier) {
      expect(register.kontaktgruppe(k.kontaktgruppe)).toBeDefined();
      for (const l of k.tilladteLedighedsgrader) expect(register.ledighedsgrad(l)).toBeDefined();
    }
    const udenYdelse = register.klientkategorier.find((k) => k.udenYdelse)!;
    expect(udenYdelse.tilladteLedighedsgrader).toContain(3);
  });

  it('a less intensive effort allows 60 days, the other causes at most 30 (4322)', () => {
    expect(register.afmeldingsaarsager.filter((a) => a.maxDageFrem === 60).map((a) => a.navn)).toEqual(['Overgået til mindre intensiv indsats']);
    expect(Math.max(...register.afmeldingsaarsager.filter((a) => a.maxDageFrem !== 60).map((a) => a.maxDageFrem))).toBe(30);
  });

  it('has a few hundred occupations, some expired, with aliases, in STAR URI style', () => {
    expect(register.stillingsbetegnelser.length).toBeGreaterThanOrEqual(300);
    expect(register.stillingsbetegnelser.filter((s) => s.gyldigTil !== null && s.gyldigTil < TODAY).length).toBeGreaterThanOrEqual(5);
    expect(register.stillingsbetegnelser.filter((s) => s.aliaser.length > 0).length).toBeGreaterThan(50);
    for (const s of register.stillingsbetegnelser) expect(s.conceptUriDa).toMatch(/^http:\/\/data\.star\.dk\/esco\/occupation\/[0-9a-f-]{36}$/);
    expect(register.gyldigeStillingsbetegnelser(TODAY).map((s) => s.conceptUriDa)).not.toContain(TELEFONIST);
  });
});

describe('code checks', () => {
  it('4313 unknown klientkategori, 6052 internal-only for a non-internal caller', () => {
    expect(register.checkKlientkategori(1, { intern: false })).toBeNull();
    expect(kode(register.checkKlientkategori(99, { intern: true }))).toEqual([[4313, '/klientKategori']]);
    expect(kode(register.checkKlientkategori(6, { intern: false }))).toEqual([[6052, '/klientKategori']]);
    expect(register.checkKlientkategori(6, { intern: true })).toBeNull();
  });

  it('4314 unknown ledighedsgrad, 6052 internal-only', () => {
    expect(register.checkLedighedsgrad(1, { intern: false })).toBeNull();
    expect(kode(register.checkLedighedsgrad(0, { intern: false }))).toEqual([[4314, '/ledighedsgrad']]);
    expect(kode(register.checkLedighedsgrad(4, { intern: false, felt: '/x' }))).toEqual([[6052, '/x']]);
    expect(register.checkLedighedsgrad(4, { intern: true })).toBeNull();
  });

  it('4340 unknown afmeldingsårsag, 6052 internal-only', () => {
    expect(register.checkAfmeldingsaarsag(1, { intern: false })).toBeNull();
    expect(kode(register.checkAfmeldingsaarsag(77, { intern: false }))).toEqual([[4340, '/afmeldingsaarsag']]);
    expect(kode(register.checkAfmeldingsaarsag(12, { intern: false }))).toEqual([[6052, '/afmeldingsaarsag']]);
  });

  it('4321 anything but the two insurance categories', () => {
    expect(register.checkForsikringskategori(1)).toBeNull();
    expect(register.checkForsikringskategori(2)).toBeNull();
    expect(kode(register.checkForsikringskategori(3))).toEqual([[4321, '/forsikringskategori']]);
  });

  it('4641 a category that may not be enrolled', () => {
    expect(kode(register.checkKanTilmeldes(register.klientkategori(5)!))).toEqual([[4641, '/klientKategori']]);
    expect(register.checkKanTilmeldes(register.klientkategori(1)!)).toBeNull();
  });

  it("4339 'ikke ledig' without 'uden ydelse' comes before 6014; 6014 other illegal combinations", () => {
    const [dagpenge, udenYdelse, aktivitetsparat] = [register.klientkategori(1)!, register.klientkategori(3)!, register.klientkategori(9)!];
    const [fuldt, delvist, ikke] = [register.ledighedsgrad(1)!, register.ledighedsgrad(2)!, register.ledighedsgrad(3)!];
    expect(kode(register.checkKategoriOgLedighedsgrad(dagpenge, ikke))).toEqual([[4339, '/ledighedsgrad']]);
    expect(register.checkKategoriOgLedighedsgrad(udenYdelse, ikke)).toBeNull();
    expect(kode(register.checkKategoriOgLedighedsgrad(aktivitetsparat, delvist))).toEqual([[6014, '/ledighedsgrad']]);
    expect(register.checkKategoriOgLedighedsgrad(aktivitetsparat, fuldt)).toBeNull();
  });

  it('6033 age outside the contact group (uddannelseshjælp 18-29; dagpenge 18-66)', () => {
    const uddannelseshjaelp = register.klientkategori(7)!;
    expect([uddannelseshjaelp.minAlder, uddannelseshjaelp.maxAlder]).toEqual([18, 29]);
    expect(register.checkAlder(uddannelseshjaelp, 29)).toBeNull();
    expect(kode(register.checkAlder(uddannelseshjaelp, 30))).toEqual([[6033, '/klientKategori']]);
    expect(kode(register.checkAlder(uddannelseshjaelp, 17))).toEqual([[6033, '/klientKategori']]);
    expect(register.checkAlder(register.klientkategori(3)!, 90)).toBeNull();
  });

  it('7062 a category that requires a profession, without job wishes', () => {
    expect(kode(register.checkStillingKrav(register.klientkategori(1)!, 0))).toEqual([[7062, '/joboensker']]);
    expect(register.checkStillingKrav(register.klientkategori(1)!, 1)).toBeNull();
    expect(register.checkStillingKrav(register.klientkategori(3)!, 0)).toBeNull();
  });

  it('4318 unknown conceptUriDa, 8281 alias not of that occupation, 8282 outside validity', () => {
    expect(register.checkStillingsbetegnelse(TOEMRER, undefined, TODAY)).toBeNull();
    expect(register.checkStillingsbetegnelse(TOEMRER, BYGNINGSTOEMRER_ALIAS.toUpperCase(), TODAY)).toBeNull();
    expect(kode(register.checkStillingsbetegnelse('http://data.star.dk/esco/occupation/nope', undefined, TODAY, '/j/0'))).toEqual([[4318, '/j/0/conceptUriDa']]);
    expect(kode(register.checkStillingsbetegnelse(KOK, BYGNINGSTOEMRER_ALIAS, TODAY))).toEqual([[8281, '/aliasIdentifier']]);
    expect(kode(register.checkStillingsbetegnelse(TOEMRER, '00000000-0000-4000-8000-000000000000', TODAY))).toEqual([[8281, '/aliasIdentifier']]);
    expect(kode(register.checkStillingsbetegnelse(TELEFONIST, undefined, TODAY))).toEqual([[8282, '/conceptUriDa']]);
    expect(register.checkStillingsbetegnelse(TELEFONIST, undefined, '2021-12-31')).toBeNull();
    expect(kode(register.checkStillingsbetegnelse(DRONEPILOT, undefined, TODAY))).toEqual([[8282, '/conceptUriDa']]);
  });

  it('4763 from Jobnet, 65 or over only uden ydelse', () => {
    expect(kode(register.check65FraJobnet(register.klientkategori(1)!, 65))).toEqual([[4763, '/klientKategori']]);
    expect(register.check65FraJobnet(register.klientkategori(1)!, 64)).toBeNull();
    expect(register.check65FraJobnet(register.klientkategori(3)!, 70)).toBeNull();
  });

  it('checkTilmeldingskoder: every code rule of an enrollment, in order, with the values looked up', () => {
    const ok = register.checkTilmeldingskoder({ klientKategori: 1, ledighedsgrad: 1, forsikringskategori: 1, antalJoboensker: 1, alder: 40, intern: false });
    expect(ok.violations).toEqual([]);
    expect([ok.kategori?.navn, ok.ledighedsgrad?.navn]).toEqual(['Dagpengemodtager', 'Fuldt ledig']);
    const codes = (input: Parameters<typeof register.checkTilmeldingskoder>[0]) =>
      register.checkTilmeldingskoder(input).violations.map((v) => [v.kode, v.fejl[0].felt]);
    expect(codes({ klientKategori: 99, ledighedsgrad: 99, forsikringskategori: 9, antalJoboensker: 0, alder: 10, intern: false })).toEqual([
      [4313, '/klientKategori'],
      [4314, '/ledighedsgrad'],
      [4321, '/forsikringskategori'],
    ]);
    expect(codes({ klientKategori: 6, ledighedsgrad: 4, antalJoboensker: 0, intern: false })).toEqual([
      [6052, '/klientKategori'],
      [6052, '/ledighedsgrad'],
      [6014, '/ledighedsgrad'],
    ]);
    expect(codes({ klientKategori: 5, ledighedsgrad: 1, antalJoboensker: 0, intern: true })).toEqual([[4641, '/klientKategori']]);
    expect(codes({ klientKategori: 1, ledighedsgrad: 3, antalJoboensker: 0, alder: 70, intern: false })).toEqual([
      [7062, '/joboensker'],
      [6033, '/klientKategori'],
      [4339, '/ledighedsgrad'],
    ]);
    expect(codes({ klientKategori: 9, ledighedsgrad: 2, antalJoboensker: 0, alder: 20, intern: false })).toEqual([[6014, '/ledighedsgrad']]);
  });

  it('internal users are the job centre and system integrations', () => {
    expect(['borger', 'jobcenter', 'a-kasse', 'anden-aktoer', 'system', 'star'].filter((r) => erInternBruger(r as never))).toEqual(['jobcenter', 'system']);
  });
});

describe('checkJoboensker', () => {
  it('returns every violation, each with its field, in input order', () => {
    const violations = checkJoboensker(
      [
        { conceptUriDa: TOEMRER, harUddannelse: true, aarSidstBrugt: 2020, maanederMedErfaring: 12 },
        { conceptUriDa: 'ukendt', harUddannelse: false },
        { conceptUriDa: TOEMRER, harUddannelse: false },
        { conceptUriDa: TELEFONIST, harUddannelse: false, aarSidstBrugt: -1, maanederMedErfaring: -5 },
        { conceptUriDa: KOK, harUddannelse: false, aarSidstBrugt: 1899, aliasIdentifier: BYGNINGSTOEMRER_ALIAS },
        { conceptUriDa: DRONEPILOT, harUddannelse: false, aarSidstBrugt: 2027 },
      ],
      register,
      TODAY,
    );
    expect(violations.map((v) => [v.kode, v.fejl[0].felt])).toEqual([
      [4318, '/joboensker/1/conceptUriDa'],
      [9439, '/joboensker/2/conceptUriDa'],
      [8282, '/joboensker/3/conceptUriDa'],
      [4698, '/joboensker/3/aarSidstBrugt'],
      [4698, '/joboensker/3/maanederMedErfaring'],
      [8281, '/joboensker/4/aliasIdentifier'],
      [4710, '/joboensker/4/aarSidstBrugt'],
      [8282, '/joboensker/5/conceptUriDa'],
      [4710, '/joboensker/5/aarSidstBrugt'],
    ]);
  });

  it('accepts 1900 and this year, zero months, and no optional numbers', () => {
    expect(
      checkJoboensker(
        [
          { conceptUriDa: TOEMRER, harUddannelse: true, aarSidstBrugt: 1900, maanederMedErfaring: 0 },
          { conceptUriDa: KOK, harUddannelse: false, aarSidstBrugt: 2026 },
        ],
        register,
        TODAY,
      ),
    ).toEqual([]);
  });

  it('1014 for the same jobTargetIdentifier twice (case-insensitive); tilJoboensker assigns missing ones', () => {
    const id = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    const v = checkJoboensker(
      [
        { conceptUriDa: TOEMRER, harUddannelse: true, jobTargetIdentifier: id },
        { conceptUriDa: KOK, harUddannelse: true, jobTargetIdentifier: id.toUpperCase() },
      ],
      register,
      TODAY,
    );
    expect(v.map((x) => [x.kode, x.fejl[0].felt])).toEqual([[1014, '/joboensker/1/jobTargetIdentifier']]);
    const [a, b] = tilJoboensker([{ conceptUriDa: TOEMRER, harUddannelse: true }, { conceptUriDa: KOK, harUddannelse: false, jobTargetIdentifier: id.toUpperCase() }]);
    expect(a.jobTargetIdentifier).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.jobTargetIdentifier).toBe(id);
    expect(a).toMatchObject({ aliasIdentifier: null, aarSidstBrugt: null, maanederMedErfaring: null });
  });
});
