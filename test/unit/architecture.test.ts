/**
 * Arrows point down (README, docs/decisions.md "Code shape"): nothing outside src/modules imports from
 * src/modules but the composition roots (src/app.ts, src/server.ts); an area (src/modules/<area>/)
 * imports only its own files and what lies below src/modules (src/domain, src/db, src/plugins, ...),
 * never another area nor the files that put the areas together (src/modules/v1.ts, demo-data.ts).
 * What two areas share moves down into src/domain or src/db.
 *
 * Every import of src/**\/*.ts is read with TypeScript's own pre-parser (static imports, re-exports,
 * import() and require()); src/generated (prisma's output) is left out.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const SRC = path.join(ROOT, 'src');
const MODULES = path.join(SRC, 'modules');
const COMPOSITION_ROOTS = ['src/app.ts', 'src/server.ts'];

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join('/');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return full === path.join(SRC, 'generated') ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The repo files a source file imports (relative specifiers only; packages are not ours). */
function importsOf(file: string): { spec: string; target: string }[] {
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => ({ spec, target: path.resolve(path.dirname(file), spec) }));
}

/** The area a path belongs to ('cv', 'tilmelding', ...), '' for files directly in src/modules, undefined outside. */
function areaOf(p: string): string | undefined {
  const inside = path.relative(MODULES, p);
  if (inside.startsWith('..') || path.isAbsolute(inside)) return undefined;
  const parts = inside.split(path.sep);
  return parts.length > 1 ? parts[0] : '';
}

const files = sourceFiles(SRC);
const edges = files.flatMap((file) => importsOf(file).map((i) => ({ from: file, ...i })));

describe('architecture: import arrows point down', () => {
  it('reads the imports of every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    // The parser sees the composition root's imports of the areas (else the rules below prove nothing).
    expect(edges.some((e) => rel(e.from) === 'src/app.ts' && areaOf(e.target) === 'cv')).toBe(true);
    expect(edges.some((e) => rel(e.from).startsWith('src/modules/cv/') && rel(e.target).startsWith('src/domain/'))).toBe(true);
  });

  it('nothing outside src/modules imports from it but the composition roots', () => {
    const upward = edges
      .filter((e) => areaOf(e.from) === undefined && areaOf(e.target) !== undefined && !COMPOSITION_ROOTS.includes(rel(e.from)))
      .map((e) => `${rel(e.from)} imports '${e.spec}'`);
    expect(upward).toEqual([]);
  });

  it('areas do not import each other (nor the files that put them together)', () => {
    // The one allowed arrow: Borgerbooking's TilmeldOgBook enrolls with Tilmelding's rules and statements.
    const ALLOWED = new Set(['borgerbooking->tilmelding']);
    const across = edges
      .filter((e) => {
        const from = areaOf(e.from);
        const to = areaOf(e.target);
        return from && to !== undefined && to !== from && !ALLOWED.has(`${from}->${to}`);
      })
      .map((e) => `${rel(e.from)} imports '${e.spec}'`);
    expect(across).toEqual([]);
  });

  it('the areas are the ones this test was written for (a new area is covered by the same rules)', () => {
    const areas = [...new Set(files.map(areaOf).filter((a): a is string => !!a))].sort();
    expect(areas).toEqual(expect.arrayContaining(['cv', 'jobagent', 'kodeliste', 'tilmelding']));
  });
});

/** The package a bare specifier names ('@scope/name' or 'name'). */
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

/** Packages a source file loads at run time: every import but `import type` / `export type`. */
function runtimePackagesOf(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specs: string[] = [];
  source.forEachChild((node) => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
    if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specs.push(node.moduleSpecifier.text);
  });
  return specs.filter((s) => !s.startsWith('.') && !s.startsWith('node:')).map(packageOf);
}

describe('architecture: the production image has what src loads', () => {
  // `npm ci --omit=dev` (Dockerfile) installs only `dependencies`; a package that is only hoisted from a
  // devDependency (e.g. htmlparser2 via @types/sanitize-html) would be missing in production.
  it('every package src imports at run time is a direct dependency', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const missing = files.flatMap((file) =>
      runtimePackagesOf(file)
        .filter((name) => !(name in pkg.dependencies))
        .map((name) => `${rel(file)} loads '${name}'`),
    );
    expect(missing).toEqual([]);
  });
});
