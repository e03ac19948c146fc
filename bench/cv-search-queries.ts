/**
 * The SearchCVText measures of the cv-search bench scenario (bench/cv-search.ts): a text search with
 * two filters and facets, and a 40 km geo-radius search. Filled in against the search route of
 * src/modules/cv/soegning when it exists; until then no search measures run.
 */
import type { Pool } from 'pg';
import type { Measure } from './cv-search';

export async function searchMeasures(_pool: Pool): Promise<Measure[]> {
  return [];
}
