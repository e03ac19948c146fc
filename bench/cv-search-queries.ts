/**
 * The SearchCVText measures of the cv-search bench scenario (bench/cv-search.ts): a text search with two
 * filters and facets, a 40 km radius search with a text, and (for information) two broad searches without
 * text: two filters matching about half of the CVs, and a 40 km radius. The search texts are the occupations the generated CVs name most (people search common
 * jobs), in turn; the centres are the big cities' postal codes, in turn. The baseline is the search
 * service's own call (src/modules/cv/soegning/service.ts CvSoegService.soeg) on a pg pool: the same SQL
 * without HTTP, authentication, validation and the audit log.
 */
import type { Pool } from 'pg';
import { systemClock } from '../src/domain/clock';
import type { Principal } from '../src/domain/access';
import { CvSoegService } from '../src/modules/cv/soegning/service';
import type { SoegCvInput } from '../src/modules/cv/soegning/schemas';
import { roleToken, type Measure } from './cv-search';

const CENTRES = ['8000', '2100', '5000', '9000', '6700', '7100', '4000', '1050', '8700', '3400'];

export async function searchMeasures(pool: Pool): Promise<Measure[]> {
  const { rows } = await pool.query<{ s: string }>(
    `SELECT dokument->'jobmaal'->0->>'stillingsbetegnelse' AS s FROM cv_version GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 40`,
  );
  const occ = rows.map((r) => r.s).filter(Boolean);
  if (occ.length === 0) return [];
  const token = roleToken('system');
  const principal: Principal = { subject: 'bench-system-baseline', role: 'system', scopes: new Set() };
  const service = new CvSoegService(systemClock, pool);
  const measure = (name: string, title: string, body: (i: number) => SoegCvInput): Measure => ({
    name,
    title,
    targetMs: 150,
    request: (i) => ({ method: 'POST', path: '/v1/CV/action/soeg', body: body(i), cpr: '0000000000', token }),
    baseline: { what: 'CvSoegService.soeg', run: (i) => service.soeg(principal, body(i)) },
    check: (status, b) => (status === 200 && typeof (b as { antalResultater?: number }).antalResultater === 'number' ? undefined : `expected a search answer, got ${status}`),
  });
  return [
    measure('search-2f', 'SearchCVText: text, driver licence B and English, facets (10 per group)', (i) => ({
      soegetekst: occ[i % occ.length]!,
      koerekort: ['B'],
      sprog: ['en'],
      antalGrupper: 10,
      resultaterPrSide: 20,
    })),
    measure('geo-40', 'SearchCVText: text within 40 km of a big city\'s postal code, facets', (i) => ({
      soegetekst: occ[(i * 7) % occ.length]!,
      naerPostnummer: CENTRES[i % CENTRES.length]!,
      afstandKm: 40,
      antalGrupper: 10,
      resultaterPrSide: 20,
    })),
    measure('filters-2-only', 'SearchCVText: only driver licence B and English (no text), facets', () => ({
      koerekort: ['B'],
      sprog: ['en'],
      antalGrupper: 10,
      resultaterPrSide: 20,
    })),
    measure('geo-40-only', 'SearchCVText: only within 40 km of a big city\'s postal code (no text), facets', (i) => ({
      naerPostnummer: CENTRES[i % CENTRES.length]!,
      afstandKm: 40,
      antalGrupper: 10,
      resultaterPrSide: 20,
    })),
  ];
}
