/**
 * The API as real clients consume it: TypeScript types generated from the committed
 * openapi/openapi.json with openapi-typescript, a client program (test/client/jobagent-flow.ts)
 * that calls the API through openapi-fetch with those types, type-checked strictly, and then run
 * against the app listening on 127.0.0.1: create, list, update, delete, and a replayed x-requestId.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import type { FastifyInstance } from 'fastify';
import { OPENAPI_PATH } from '../../scripts/openapi';
import { buildTestApp, tokenFor } from '../helpers/app';
import { createCitizen } from '../helpers/db';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const REPO_ROOT = path.resolve(__dirname, '../..');
const FLOW_PATH = path.resolve(__dirname, '../client/jobagent-flow.ts');
const TYPES_MODULE = 'jobnet-citizen-api-types';

/**
 * openapi-typescript's Node API, as a consumer calls it. It runs in a child Node process because
 * its dependencies are ES modules, which Jest's CommonJS runtime cannot load on Node 20.
 */
const GENERATE = `
import { readFileSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';
const [source, target] = process.argv.slice(1);
writeFileSync(target, astToString(await openapiTS(JSON.parse(readFileSync(source, 'utf8')))));
`;

let dir: string;
let typesPath: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'jobnet-client-'));
  typesPath = path.join(dir, 'openapi.ts');
  await promisify(execFile)(process.execPath, ['--input-type=module', '-e', GENERATE, OPENAPI_PATH, typesPath], { cwd: REPO_ROOT });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a client generated from openapi/openapi.json', () => {
  it('has the operations and typed headers', () => {
    const types = readFileSync(typesPath, 'utf8');
    for (const op of ['CreateJobagent', 'GetJobagenter', 'UpdateJobagent', 'DeleteJobagent']) expect(types).toContain(`${op}: {`);
    expect(types).toContain('"x-civilRegistrationIdentifier": string;');
    expect(types).toContain('"x-requestId": string;');
  });

  it('type-checks the client program strictly (tsc, noEmit)', () => {
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      noUnusedLocals: true,
      noUnusedParameters: true,
      noImplicitReturns: true,
      exactOptionalPropertyTypes: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      moduleResolution: ts.ModuleResolutionKind.Node10,
      esModuleInterop: true,
      isolatedModules: true,
      skipLibCheck: true,
      lib: ['lib.es2023.d.ts'],
      types: ['node'],
      typeRoots: [path.resolve(__dirname, '../../node_modules/@types')],
      baseUrl: dir,
      paths: { [TYPES_MODULE]: [typesPath] },
    };
    const program = ts.createProgram([FLOW_PATH], options);
    // The generated file itself is part of the program and checked too (skipLibCheck skips only .d.ts).
    expect(program.getSourceFile(typesPath)).toBeDefined();
    const diagnostics = ts.formatDiagnostics(ts.getPreEmitDiagnostics(program), {
      getCanonicalFileName: (f) => f,
      getCurrentDirectory: () => REPO_ROOT,
      getNewLine: () => '\n',
    });
    expect(diagnostics).toBe('');
  }, 90_000);

  describe('runs the Jobagent flow against a live app', () => {
    let app: FastifyInstance;
    let result: Json;

    beforeAll(async () => {
      app = await buildTestApp();
      await app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = app.server.address() as AddressInfo;
      const { cpr } = await createCitizen();
      // Loaded at run time (not imported), so the project's tsc does not need the generated module.
      const { runJobagentFlow } = require(FLOW_PATH) as { runJobagentFlow: (url: string, token: string, cpr: string) => Promise<Json> };
      result = await runJobagentFlow(`http://127.0.0.1:${port}`, tokenFor({ cpr }), cpr);
    });
    afterAll(async () => {
      await app?.close();
    });

    it('CreateJobagent: 201 with Location', () => {
      expect(result.created.status).toBe(201);
      expect(result.created.location).toBe(`/v1/Jobagent/${result.created.jobagentId}`);
      expect(result.created.titel).toBe('Pædagog i København');
    });

    it('GetJobagenter lists it', () => {
      expect(result.listed.status).toBe(200);
      expect(result.listed.ids).toContain(result.created.jobagentId);
    });

    it('UpdateJobagent: 200 with the new title', () => {
      expect(result.updated).toEqual({ status: 200, titel: 'Pædagog i Aarhus' });
    });

    it('DeleteJobagent: 204, and the job agent is gone', () => {
      expect(result.deleted.status).toBe(204);
      expect(result.afterDelete.status).toBe(404);
    });

    it('a replayed x-requestId: 412 as problem+json', () => {
      expect(result.replayed.status).toBe(412);
      expect(result.replayed.problem).toMatchObject({ status: 412, fejl: [] });
    });
  });
});
