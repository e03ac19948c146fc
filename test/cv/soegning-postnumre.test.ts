/**
 * The postal codes of the CV search: the migrated table equals data/postnumre.csv (a changed file needs a
 * new data migration: scripts/postnumre/migration.ts), and the coordinates are plausible (docs/cv-search.md).
 */
import { readPostnumre } from '../../scripts/postnumre/data';
import { disconnectTestPrisma, testPrisma } from '../helpers/db';

afterAll(async () => {
  await disconnectTestPrisma();
});

describe('postnummer', () => {
  it('holds exactly the rows of data/postnumre.csv', async () => {
    const file = readPostnumre();
    expect(file.length).toBeGreaterThan(1000);
    const rows = await testPrisma().$queryRaw<{ nr: string; navn: string; lat: number; lon: number }[]>`SELECT nr, navn, lat, lon FROM postnummer ORDER BY nr`;
    expect(rows).toEqual(file.map(({ nr, navn, lat, lon }) => ({ nr, navn, lat, lon })).sort((a, b) => a.nr.localeCompare(b.nr)));
  });

  it('puts Aarhus C about 157 km from København K and Skagen about 300 km from Gedser', async () => {
    const km = async (a: string, b: string) => {
      const [r] = await testPrisma().$queryRaw<{ km: number }[]>`
        SELECT earth_distance(ll_to_earth(x.lat, x.lon), ll_to_earth(y.lat, y.lon)) / 1000 AS km FROM postnummer x, postnummer y WHERE x.nr = ${a} AND y.nr = ${b}`;
      return r!.km;
    };
    expect(await km('8000', '1050')).toBeGreaterThan(150);
    expect(await km('8000', '1050')).toBeLessThan(165);
    expect(await km('9990', '4874')).toBeGreaterThan(290);
    expect(await km('9990', '4874')).toBeLessThan(370);
  });
});
