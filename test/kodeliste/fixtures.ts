import { readAll, type Row } from '../../scripts/kodelister/data';
import { KodelisteRegister, type KodelisteData } from '../../src/domain/kodeliste-register';

/** The register built straight from data/kodelister/*.tsv (no database). */
export function registerFromFiles(): KodelisteRegister {
  return new KodelisteRegister(dataFromFiles());
}

export function dataFromFiles(): KodelisteData {
  const data = readAll();
  const rows = (t: string) => data.get(t)! as Row[];
  const aliaser = rows('stillingsbetegnelse_alias');
  return {
    kontaktgrupper: rows('kontaktgruppe') as never,
    klientkategorier: rows('klientkategori') as never,
    ledighedsgrader: rows('ledighedsgrad') as never,
    afmeldingsaarsager: rows('afmeldingsaarsag') as never,
    forsikringskategorier: rows('forsikringskategori') as never,
    stillingsbetegnelser: rows('stillingsbetegnelse').map((s) => ({
      conceptUriDa: s.conceptUriDa as string,
      navn: s.navn as string,
      discoKode: s.discoKode as string,
      gyldigFra: s.gyldigFra as string,
      gyldigTil: s.gyldigTil as string | null,
      aliaser: aliaser
        .filter((a) => a.conceptUriDa === s.conceptUriDa)
        .map((a) => ({ aliasIdentifier: a.aliasIdentifier as string, navn: a.navn as string })),
    })),
  };
}

/** Occupations of the data files the tests name. */
export const TOEMRER = 'http://data.star.dk/esco/occupation/204baa02-d293-5923-b245-bd4cf374fc1b';
export const BYGNINGSTOEMRER_ALIAS = '1e2a5df9-4dc6-50a3-aad8-dee69ececb5c';
/** Expired 2021-12-31. */
export const TELEFONIST = 'http://data.star.dk/esco/occupation/cbb89054-1068-5331-b8d4-f518d9ccc750';
/** Valid from 2027-01-01. */
export const DRONEPILOT = 'http://data.star.dk/esco/occupation/813ea1fe-af40-54e2-9f6a-0e1146ffe35d';
export const SYGEPLEJERSKE = 'http://data.star.dk/esco/occupation/c60ae5f8-8c15-5c3c-bffd-c844f4123d7a';
export const KOK = 'http://data.star.dk/esco/occupation/53c1ebc9-7c76-591c-b465-31899433f732';
export const MURER = 'http://data.star.dk/esco/occupation/4783b779-4441-5979-a9c9-612bc922b50c';
export const SMED = 'http://data.star.dk/esco/occupation/e6a82efa-1d76-5817-9775-b8734db86899';
