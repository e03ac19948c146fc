/**
 * A client of the Jobnet citizen API written the way a consumer writes one: types generated from
 * openapi/openapi.json by openapi-typescript, requests through openapi-fetch, nothing else from
 * this repository.
 *
 * test/integration/generated-client.test.ts generates the types into a temporary file, maps the
 * module 'jobnet-citizen-api-types' to it, type-checks this file strictly and then runs the flow
 * against a live app. The module exists only there, so the project's `tsc` leaves this folder out
 * (tsconfig.json "exclude").
 */
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import type { components, paths } from 'jobnet-citizen-api-types';

type JobagentInput = components['schemas']['JobagentInput'];
type Problem = components['schemas']['Problem'];

export interface FlowResult {
  created: { status: number; location: string | null; jobagentId: string; titel: string };
  listed: { status: number; ids: string[] };
  updated: { status: number; titel: string };
  deleted: { status: number };
  replayed: { status: number; problem: Problem | undefined };
  afterDelete: { status: number; fejlkoder: number[] };
}

export async function runJobagentFlow(baseUrl: string, token: string, cpr: string): Promise<FlowResult> {
  const client = createClient<paths>({ baseUrl, headers: { authorization: `Bearer ${token}` } });
  /** The two required headers of every /v1 operation, typed by the generated client. */
  const headers = (requestId: string = randomUUID()) => ({ 'x-civilRegistrationIdentifier': cpr, 'x-requestId': requestId });

  // The generated types make both headers required: a call without x-requestId does not compile.
  // @ts-expect-error x-requestId is missing
  void (() => client.GET('/v1/Jobagent', { params: { header: { 'x-civilRegistrationIdentifier': cpr } } }));

  const input: JobagentInput = {
    titel: 'Pædagog i København',
    soegeparametre: { geografi: { region: ['Hovedstaden'] }, arbejdstid: { arbejdstidstype: 'Fuldtid' } },
  };

  const createRequestId = randomUUID();
  const create = await client.POST('/v1/Jobagent', { params: { header: headers(createRequestId) }, body: input });
  if (!create.data) throw new Error(`CreateJobagent failed: ${create.response.status} ${JSON.stringify(create.error)}`);
  const jobagentId: string = create.data.jobagentId;

  const list = await client.GET('/v1/Jobagent', { params: { header: headers() } });
  if (!list.data) throw new Error(`GetJobagenter failed: ${list.response.status} ${JSON.stringify(list.error)}`);

  const update = await client.PUT('/v1/Jobagent/{jobagentId}', {
    params: { path: { jobagentId }, header: headers() },
    body: { ...input, titel: 'Pædagog i Aarhus' },
  });
  if (!update.data) throw new Error(`UpdateJobagent failed: ${update.response.status} ${JSON.stringify(update.error)}`);

  const del = await client.DELETE('/v1/Jobagent/{jobagentId}', { params: { path: { jobagentId }, header: headers() } });

  // The x-requestId of the create, sent again: refused with 412, and nothing is executed.
  const replay = await client.GET('/v1/Jobagent', { params: { header: headers(createRequestId) } });

  const gone = await client.GET('/v1/Jobagent/{jobagentId}', { params: { path: { jobagentId }, header: headers() } });

  return {
    created: { status: create.response.status, location: create.response.headers.get('location'), jobagentId, titel: create.data.titel },
    listed: { status: list.response.status, ids: list.data.jobagenter.map((j) => j.jobagentId) },
    updated: { status: update.response.status, titel: update.data.titel },
    deleted: { status: del.response.status },
    replayed: { status: replay.response.status, problem: replay.error },
    afterDelete: { status: gone.response.status, fejlkoder: (gone.error?.fejl ?? []).map((f) => f.fejlkode) },
  };
}
