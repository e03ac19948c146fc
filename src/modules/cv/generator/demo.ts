/**
 * The embedded default's demo CVs: a few hundred generated CVs (./generate.ts, seed DEMO_SEED) on
 * top of the hand-written demo citizens, so that the CV search and the change feeds show something in
 * Swagger UI. Called by the CV area's demo seed (../demo-data.ts). Idempotent.
 */
import type { PrismaClient } from '../../../generated/prisma/client';
import { loadGeneratedCvs, type Exec } from './load';

export const DEMO_SEED = 20261129;
export const DEMO_GENERATED_CVS = 300;

export async function seedGeneratedDemoCvs(prisma: PrismaClient, n = DEMO_GENERATED_CVS): Promise<number> {
  const exec: Exec = <Row>(sql: string, params: unknown[] = []) => prisma.$queryRawUnsafe<Row[]>(sql, ...params);
  return loadGeneratedCvs(exec, { seed: DEMO_SEED, n, chunk: 300 });
}
