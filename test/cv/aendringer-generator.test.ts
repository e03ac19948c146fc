/**
 * The CV generator (src/modules/cv/generator): deterministic (same seed and reference data, same
 * CVs), valid CVs (the ReplaceCV input and profile schemas), a spread of states, and the demo seed's
 * few hundred generated CVs in the test database (seeded by the global setup like the embedded default).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createHash } from 'node:crypto';
import { testPrisma } from '../helpers/db';
import { CvProfil } from '../../src/modules/cv/schemas';
import { cvGenerator, generatedCpr, generatedCvNummer, type GeneratedCv } from '../../src/modules/cv/generator/generate';
import { loadReferenceData, type Exec } from '../../src/modules/cv/generator/load';
import { DEMO_GENERATED_CVS, DEMO_SEED, seedGeneratedDemoCvs } from '../../src/modules/cv/generator/demo';
import { DEMO_CITIZENS } from '../../src/domain/demo-citizens';
import { isValidCpr } from '../../src/domain/cpr';

const exec: Exec = <Row>(sql: string, params: unknown[] = []) => testPrisma().$queryRawUnsafe<Row[]>(sql, ...params);
const digest = (cvs: GeneratedCv[]) => createHash('sha256').update(JSON.stringify(cvs)).digest('hex');

describe('CV generator', () => {
  it('is deterministic: the same seed gives the same CVs, another seed other CVs', async () => {
    const ref = await loadReferenceData(exec);
    expect(ref.stillinger.length).toBeGreaterThanOrEqual(300);
    expect(ref.postnumre.length).toBeGreaterThan(1000);
    const run = (seed: number) => {
      const gen = cvGenerator(seed, ref.stillinger, ref.postnumre);
      return Array.from({ length: 200 }, (_, i) => gen(i));
    };
    expect(digest(run(7))).toBe(digest(run(7)));
    expect(digest(run(8))).not.toBe(digest(run(7)));
    // One CV does not depend on which others were generated before it.
    expect(JSON.stringify(cvGenerator(7, ref.stillinger, ref.postnumre)(150))).toBe(JSON.stringify(run(7)[150]));
  });

  it('makes valid, distinct citizens and CVs with a spread of states, occupations and places', async () => {
    const ref = await loadReferenceData(exec);
    const gen = cvGenerator(1, ref.stillinger, ref.postnumre);
    const cvs = Array.from({ length: 2000 }, (_, i) => gen(i));
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const valid = ajv.compile(CvProfil);
    for (const c of cvs.slice(0, 300)) {
      expect(isValidCpr(c.cpr)).toBe(true);
      expect(valid(JSON.parse(JSON.stringify(c.profil))) ? [] : valid.errors).toEqual([]);
    }
    expect(new Set(cvs.map((c) => c.cpr)).size).toBe(cvs.length);
    const demoCprs = new Set<string>(Object.values(DEMO_CITIZENS).map((c) => c.cpr));
    expect(cvs.some((c) => demoCprs.has(c.cpr))).toBe(false);
    const searchable = cvs.filter((c) => c.tilstand === 'Aktiv' && c.soegbar && c.status !== 5).length / cvs.length;
    expect(searchable).toBeGreaterThan(0.65);
    expect(searchable).toBeLessThan(0.9);
    const occupations = new Map<string, number>();
    for (const c of cvs) occupations.set(c.profil.jobmaal[0]!.stillingsbetegnelse, (occupations.get(c.profil.jobmaal[0]!.stillingsbetegnelse) ?? 0) + 1);
    const counts = [...occupations.values()].sort((a, b) => b - a);
    expect(counts[0]! / cvs.length).toBeLessThan(0.1); // skewed, not degenerate
    expect(counts[0]!).toBeGreaterThan(5 * counts[Math.floor(counts.length / 2)]!);
    expect(new Set(cvs.map((c) => c.postnummer)).size).toBeGreaterThan(300);
    const cph = cvs.filter((c) => Number(c.postnummer) < 3000).length / cvs.length;
    expect(cph).toBeGreaterThan(0.2);
  });

  it('the demo seed holds a few hundred generated CVs, the same as the generator gives, and a second run adds none', async () => {
    const prisma = testPrisma();
    const cprs = Array.from({ length: DEMO_GENERATED_CVS }, (_, i) => generatedCpr(i));
    expect(await prisma.cv.count({ where: { cpr: { in: cprs } } })).toBe(DEMO_GENERATED_CVS);
    expect(await seedGeneratedDemoCvs(prisma)).toBe(0);
    const ref = await loadReferenceData(exec);
    const gen = cvGenerator(DEMO_SEED, ref.stillinger, ref.postnumre);
    const first = gen(0);
    const konto = await prisma.jobnetKonto.findUniqueOrThrow({ where: { cpr: first.cpr } });
    expect(konto.cvNummer).toBe(generatedCvNummer(0));
    const version = await prisma.cvVersion.findUniqueOrThrow({ where: { id: first.versionId } });
    expect(version.dokument).toEqual(JSON.parse(JSON.stringify(first.profil)));
    // The search projection has a row for each searchable one (docs/cv-search.md), and the event log the element events.
    const [{ n }] = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM cv_soeg WHERE cpr = ANY($1::bpchar[])`, cprs);
    const searchable = cprs.map((_, i) => gen(i)).filter((c) => c.tilstand === 'Aktiv' && c.soegbar && c.status !== 5).length;
    expect(n).toBe(searchable);
    expect(await prisma.cvHaendelse.count({ where: { cpr: first.cpr } })).toBe(first.haendelser.length);
  });
});
