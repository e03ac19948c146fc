/** Helpers of the Tilmelding tests: citizens with facts, code values picked from the register by property. */
import { randomUUID } from 'node:crypto';
import { createAkasseMedlemskab, createCitizen, createJobnetKonto, testPrisma } from '../helpers/db';
import { kodelisteRegister, type KodelisteRegister, type Klientkategori } from '../../src/domain/kodeliste-register';

/** A fresh 8-digit CV number nobody has (random; the table's unique index would catch a clash). */
export { randomCvNummer } from '../helpers/db';

export interface Fakta {
  born?: string;
  doed?: string;
  cvNummer?: string | null;
  akasse?: { forsikringskategori: number | null; fraDato?: string; tilDato?: string | null } | null;
  udlandet?: boolean;
  midlertidigAdresse?: boolean;
  fravaer?: string;
}

const date = (day: string) => new Date(`${day}T00:00:00.000Z`);

/**
 * A fresh citizen (born 1980 unless `born`) with a Jobnet account and an a-kasse membership
 * (Heltidsforsikret) unless told otherwise, and the facts asked for, active on `dag`.
 */
export async function citizen(dag: string, f: Fakta = {}): Promise<{ cpr: string; cvNummer: string | null }> {
  const { cpr } = await createCitizen({ born: f.born ?? '1980-05-17', fornavn: 'Test', efternavn: 'Tilmelding', doedsdato: f.doed ?? null });
  const p = testPrisma();
  const cvNummer = f.cvNummer === undefined ? await createJobnetKonto(cpr) : f.cvNummer;
  if (f.cvNummer) await p.jobnetKonto.create({ data: { cpr, cvNummer: f.cvNummer } });
  const akasse = f.akasse === undefined ? { forsikringskategori: 1 } : f.akasse;
  if (akasse) {
    await createAkasseMedlemskab(cpr, { forsikringskategori: akasse.forsikringskategori, fraDato: akasse.fraDato, tilDato: akasse.tilDato });
  }
  if (f.udlandet) await p.udlandsophold.create({ data: { id: randomUUID(), cpr, fraDato: date('2025-01-01'), tilDato: null } });
  if (f.midlertidigAdresse) {
    await p.midlertidigUdenlandskAdresse.create({ data: { id: randomUUID(), cpr, landekode: 'DE', fraDato: date(dag), tilDato: date(`${dag.slice(0, 4)}-12-31`) } });
  }
  if (f.fravaer) await p.fravaer.create({ data: { id: randomUUID(), cpr, fravaerstype: f.fravaer, startdato: date('2026-01-01'), slutdato: null } });
  return { cpr, cvNummer };
}

/** Code values for the tests, chosen by property so they follow the code lists. */
export async function koder() {
  const r: KodelisteRegister = await kodelisteRegister(testPrisma());
  const offentlig = (k: Klientkategori) => !k.kunIntern && k.kanTilmeldes;
  const find = <T>(list: readonly T[], pred: (v: T) => boolean, what: string): T => {
    const v = list.find(pred);
    if (!v) throw new Error(`The code lists have no ${what}`);
    return v;
  };
  const fuldtLedig = find(r.ledighedsgrader, (l) => !l.ikkeLedig && !l.kunIntern, 'public ledighedsgrad');
  const udenYdelse = find(r.klientkategorier, (k) => offentlig(k) && k.udenYdelse && !k.kraeverStillingsbetegnelse && !k.kraeverAkasse && (k.minAlder ?? 0) <= 18 && k.maxAlder === null, "category 'uden ydelse'");
  const dagpenge = find(r.klientkategorier, (k) => offentlig(k) && k.kraeverAkasse && k.maxAlder !== null && k.maxAlder >= 65, 'a-kasse category');
  const kontanthjaelp = find(r.klientkategorier, (k) => offentlig(k) && k.kontanthjaelpskategori && k.tilladteLedighedsgrader.includes(fuldtLedig.kode), 'cash-benefit category');
  const kanIkke = find(r.klientkategorier, (k) => !k.kunIntern && !k.kanTilmeldes, 'category that may not enroll');
  const intern = find(r.klientkategorier, (k) => k.kunIntern && k.kanTilmeldes, 'internal category');
  const kraeverStilling = find(r.klientkategorier, (k) => offentlig(k) && k.kraeverStillingsbetegnelse, 'category that requires a profession');
  const ung = find(r.klientkategorier, (k) => offentlig(k) && k.maxAlder !== null && k.maxAlder < 40, 'category with a low max age');
  const ikkeLedig = find(r.ledighedsgrader, (l) => l.ikkeLedig && !l.kunIntern, "'ikke ledig'");
  const kombi = find(r.klientkategorier, (k) => offentlig(k) && r.ledighedsgrader.some((l) => !l.ikkeLedig && !l.kunIntern && !k.tilladteLedighedsgrader.includes(l.kode)), 'category that refuses a ledighedsgrad');
  const kombiGrad = find(r.ledighedsgrader, (l) => !l.ikkeLedig && !l.kunIntern && !kombi.tilladteLedighedsgrader.includes(l.kode), 'refused ledighedsgrad');
  const dag = '2026-11-29';
  const stilling = r.gyldigeStillingsbetegnelser(dag)[0];
  const udloebet = find(r.stillingsbetegnelser, (s) => !r.erGyldig(s, dag), 'expired occupation');
  const aarsag30 = find(r.afmeldingsaarsager, (a) => !a.kunIntern && !a.kunAkasse && !a.ikkeAkasse && a.maxDageFrem === 30, 'cause with 30 days');
  const aarsag60 = find(r.afmeldingsaarsager, (a) => !a.kunIntern && !a.kunAkasse && !a.ikkeAkasse && a.maxDageFrem === 60, 'cause with 60 days');
  const aarsagIntern = find(r.afmeldingsaarsager, (a) => a.kunIntern, 'internal cause');
  const aarsagKunAkasse = find(r.afmeldingsaarsager, (a) => !a.kunIntern && a.kunAkasse, 'a-kasse-only cause');
  const aarsagIkkeAkasse = find(r.afmeldingsaarsager, (a) => a.ikkeAkasse, 'cause not for a-kasser');
  const ugyldigForsikring = Math.max(...r.forsikringskategorier.map((f) => f.kode)) + 1;
  return {
    register: r,
    fuldtLedig: fuldtLedig.kode,
    ikkeLedig: ikkeLedig.kode,
    udenYdelse: udenYdelse.kode,
    dagpenge: dagpenge.kode,
    kontanthjaelp: kontanthjaelp.kode,
    kanIkke: kanIkke.kode,
    intern: intern.kode,
    kraeverStilling: kraeverStilling.kode,
    ung: ung.kode,
    kombi: kombi.kode,
    kombiGrad: kombiGrad.kode,
    stilling: stilling.conceptUriDa,
    udloebet: udloebet.conceptUriDa,
    aarsag30: aarsag30.kode,
    aarsag60: aarsag60.kode,
    aarsagIntern: aarsagIntern.kode,
    aarsagKunAkasse: aarsagKunAkasse.kode,
    aarsagIkkeAkasse: aarsagIkkeAkasse.kode,
    ugyldigForsikring,
    ukendt: 9999,
  };
}
