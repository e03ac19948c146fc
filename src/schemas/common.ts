import { Type, type TSchema } from '@sinclair/typebox';
import { CPR_PATTERN } from '../domain/cpr';
import { REQUEST_ID_MAX_LENGTH } from '../plugins/request-gate';
import { MAX_FEJL } from '../plugins/errors';
import { ApiError, fejlEntry, RuleViolation } from '../domain/errors';
import { fejlkode, type Fejlkodenummer } from '../domain/fejlkoder';

/** Every property description ends with the old English element name in parentheses. */
export const d = (dansk: string, english: string) => `${dansk} (${english})`;

export const API_TAGS = [
  { name: 'Kodeliste', description: 'Kodelister til tilmeldingsformularerne (referencedata)' },
  { name: 'Jobagent', description: 'Jobagenter og gemte søgninger (REST v1 Jobagent)' },
  { name: 'Tilmelding', description: 'Tilmelding og afmelding som ledig, JobnetFlag, fremtidig afmelding, status og historik (UnemploymentEnrollmentService v8, REST v1 Tilmelding)' },
  {
    name: 'CV',
    description:
      'Borgerens CV (CVService, CVWorkFlowService): hent, erstat, status, versioner, søgbarhed, opslag på CV-nummer og adgangslog. ' +
      'De engelske elementnavne er oversat til danske; hver egenskabs beskrivelse slutter med det engelske navn (ordliste: docs/cv-glossary.md). ' +
      'Den udgåede CreateNewCVOwnerPassword (udgået i 2018-1) er ikke implementeret: Tilmeldings CreateNewJobnetAccount erstatter den.',
  },
  { name: 'CV som PDF', description: "Borgerens CV som PDF, som det fremstår for fx en arbejdsgiver, og gemte CV-versioner som PDF (CVService GetCVAsPdf, GetCVOnStatus)" },
  {
    name: 'Borgerbooking',
    description:
      'Borgerens bookingstatus og frister, selvbooking, reservation, ombooking, aflysning, accept af indkaldelser, straksbooking, fejlmeldinger og TilmeldOgBook ' +
      '(BorgerBooking / JobnetCitizenStatusService v10). De udgåede GetBookings og StraksbookOgTilmeld er erstattet af GetIndkaldelser og TilmeldOgBook.',
  },
  {
    name: 'CV-ændringer',
    description:
      'Ændrede CV\'er i en periode og CV-hændelsesloggen med markør, til integrerende systemer (CVService GetCVUpdateList, CVWorkFlowService GetUpdatedCVs og GetCVList)',
  },
  { name: 'Asyl-overgang', description: 'Overgivelsesdato, tidlige overtagelsesdatoer og frist for CV-opdateringer for borgere, der har opnået asyl (CVService)' },
  {
    name: 'Borgerbooking: planlægning',
    description:
      'Jobcentrenes planlægningssystemer (roller jobcenter og system): mødetilbud med mødetider, pladser og sagsbehandlere, frister, indkaldelser, ' +
      'bookinger pr. tilbud og mødetid og fejlmeldinger. Nye operationer: BorgerBooking / JobnetCitizenStatusService v10 beskriver kun borgerens side.',
  },
];

export const GUID_PATTERN = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
/** The seeds' guid pattern, accepting upper case on input; ids are stored and returned lower-case. */
export const GUID_INPUT_PATTERN = '^[\\da-fA-F]{8}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{4}-[\\da-fA-F]{12}$';

export const Guid = (description: string) =>
  Type.String({ pattern: GUID_INPUT_PATTERN, description, examples: ['3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b'] });

/** The two headers every /v1 request carries (authorization is the bearerAuth security scheme). */
export const V1Headers = Type.Object(
  {
    'x-civilRegistrationIdentifier': Type.String({
      pattern: CPR_PATTERN,
      description: d('Borgerens CPR-nummer (DDMMÅÅ + 4 cifre, en gyldig dato) eller 0000000000', 'PersonCivilRegistrationIdentifier'),
      examples: ['0101901234'],
    }),
    'x-requestId': Type.String({
      minLength: 1,
      maxLength: REQUEST_ID_MAX_LENGTH,
      description: d(
        `Unikt id for requestet (typisk guid), højst ${REQUEST_ID_MAX_LENGTH} tegn. Et gentaget id afvises med HTTP 412 og udføres ikke`,
        'RequestIdentifier',
      ),
      // No example on purpose: Swagger UI would prefill it, and the second "Execute" would get 412.
    }),
  },
  { additionalProperties: true },
);

export const FejlSchema = Type.Object(
  {
    fejlkode: Type.Integer({ description: d('Numerisk fejlkode fra specifikationen', 'ErrorCode'), examples: [1014] }),
    fejltekst: Type.String({ description: d('Kort fejltekst', 'ErrorText') }),
    beskrivelse: Type.String({ description: d('Beskrivelse af fejlen', 'ErrorDescription') }),
    felt: Type.Optional(Type.String({ description: d('JSON pointer til det felt fejlen angår', 'Field'), examples: ['/titel'] })),
  },
  { $id: 'Fejl', additionalProperties: false },
);

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: d('URI der identificerer fejltypen', 'Type') }),
    title: Type.String({ description: d('Kort titel', 'Title') }),
    status: Type.Integer({ description: d('HTTP-statuskode', 'Status') }),
    detail: Type.String({ description: d('Forklaring', 'Detail') }),
    instance: Type.String({ description: d('Stien der blev kaldt', 'Instance') }),
    requestId: Type.String({ description: d('Requestets x-requestId', 'RequestIdentifier') }),
    fejl: Type.Array(Type.Ref(FejlSchema), {
      maxItems: MAX_FEJL,
      description: d(
        `Fejlkoder, én pr. overtrædelse og felt, højst ${MAX_FEJL} (tom når svaret ikke har en fejlkode, fx 401 og 412)`,
        'Errors',
      ),
    }),
    antalFejl: Type.Integer({
      minimum: 0,
      description: d(`Antal fejl i alt; er det over ${MAX_FEJL}, viser fejl kun de første ${MAX_FEJL}`, 'ErrorCount'),
      examples: [1],
    }),
  },
  {
    $id: 'Problem',
    description: 'application/problem+json (RFC 9457) med fejlkoder',
    examples: [
      {
        type: 'https://api.jobnet.dk/fejl/4589',
        title: 'Unknown identifier',
        status: 404,
        detail: 'The submitted Identifier is unknown to the system',
        instance: '/v1/Jobagent/3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b',
        requestId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
        fejl: [{ fejlkode: 4589, fejltekst: 'Unknown identifier', beskrivelse: 'The submitted Identifier is unknown to the system', felt: '/jobagentId' }],
        antalFejl: 1,
      },
    ],
  },
);

/** What each error status means, before the list of its fejlkoder (generated from the registry). */
const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Ugyldig forespørgsel (ved validering én post pr. felt; et felt med x-fejlkode giver den kode i stedet for 1014)',
  401: 'Manglende, ugyldigt eller udløbet bearer-token',
  403: 'Ingen adgang',
  404: 'Ikke fundet',
  409: 'Konflikt med den nuværende tilstand',
  412: 'x-requestId er modtaget før; forespørgslen udføres ikke',
  413: 'Request body er for stor',
  415: 'Content-Type er ikke application/json',
  422: 'Forretningsregel brudt',
  429: 'For mange forespørgsler',
  500: 'Uventet fejl (uden interne detaljer)',
  503: 'En afhængighed (database, Redis) svarer ikke, eller tjenesten er overbelastet; prøv igen efter Retry-After',
};

/**
 * The fejlkoder the request pipeline itself answers with, on every /v1 operation: 400 invalid CPR
 * (plugins/cpr-header.ts) or validation; 403 role, other citizen's CPR or scope (plugins/auth.ts);
 * 503 a dependency down (plugins/errors.ts, request-gate.ts, auth.ts).
 */
export const PIPELINE_FEJLKODER = { 400: [1001, 1014], 403: [4575, 1013], 503: [8236] } as const satisfies Record<number, readonly Fejlkodenummer[]>;

/** The statuses an operation may declare fejlkoder for (the others carry none or only the pipeline's). */
export type FejlStatus = 400 | 403 | 404 | 409 | 422 | 503;

/** An operation's own fejlkoder per status, e.g. `{ 404: [1010, 4103], 409: [4753, 4754, 4823], 422: [4405] }`. */
export type Fejlkoder = Partial<Record<FejlStatus, readonly Fejlkodenummer[]>>;

/** The response description: the status's text, then each code with its registry text. */
function problemDescription(status: number, koder: readonly Fejlkodenummer[]): string {
  const text = PROBLEM_DESCRIPTIONS[status] ?? 'Fejl';
  if (koder.length === 0) return text;
  return `${text}. Fejlkoder: ${koder.map((k) => `${k} (${fejlkode(k).fejltekst})`).join('; ')}`;
}

const RATE_LIMIT_HEADERS = {
  'retry-after': Type.Integer({ description: 'Sekunder til der igen kan sendes forespørgsler' }),
  'x-ratelimit-limit': Type.Integer({ description: 'Forespørgsler pr. vindue' }),
  'x-ratelimit-remaining': Type.Integer({ description: 'Tilbage i vinduet' }),
  'x-ratelimit-reset': Type.Integer({ description: 'Sekunder til vinduet starter forfra' }),
};

const EXAMPLE_REQUEST_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

/** An example problem body as the error handler writes it (plugins/errors.ts problemBody). */
function problemExample(problem: ApiError) {
  const kode = problem.fejl[0]?.fejlkode;
  return {
    type: kode ? `https://api.jobnet.dk/fejl/${kode}` : 'about:blank',
    title: problem.title,
    status: problem.status,
    detail: problem.detail,
    instance: '/v1/Tilmelding',
    requestId: EXAMPLE_REQUEST_ID,
    fejl: problem.fejl,
    antalFejl: problem.fejl.length,
  };
}

/**
 * The example Swagger UI shows for a status every operation answers alike. 404, 409 and 422 have none:
 * their fejlkoder depend on the operation (its response lists them), so they show the Problem schema's.
 */
const PROBLEM_EXAMPLES: Record<number, ReturnType<typeof problemExample>> = {
  400: problemExample(
    new ApiError(400, 'Failed to validate message', 'The submitted message could not be validated', [
      { ...fejlEntry(1014, '/tilmeldingsdato'), beskrivelse: "The submitted message could not be validated: /tilmeldingsdato must match format \"date\"" },
    ]),
  ),
  401: problemExample(new ApiError(401, 'Unauthorized', 'A bearer token is required')),
  403: problemExample(new RuleViolation(4575, { detail: 'A citizen may only act on their own cpr' })),
  412: problemExample(
    new ApiError(412, 'Request already received', `A request with x-requestId '${EXAMPLE_REQUEST_ID}' has already been received; it is not executed again`),
  ),
  413: problemExample(new ApiError(413, 'Payload Too Large', 'Request body is too large')),
  415: problemExample(new ApiError(415, 'Unsupported Media Type', 'Unsupported Media Type')),
  429: problemExample(new ApiError(429, 'Too Many Requests', 'Rate limit of 600 requests per 60 s exceeded; the x-requestId was not used')),
  500: problemExample(new ApiError(500, 'Internal Server Error', 'An unexpected error occurred. Quote the requestId when reporting it.')),
  503: problemExample(new RuleViolation(8236, { detail: 'The database is not available; try again shortly' })),
};

/** components.examples of the OpenAPI document: the per-status problem examples, referenced by every operation. */
export const PROBLEM_EXAMPLE_COMPONENTS = Object.fromEntries(
  Object.entries(PROBLEM_EXAMPLES).map(([status, value]) => [`Problem${status}`, { summary: `${status} ${value.title}`, value }]),
);

/** The OpenAPI extension on each error response listing exactly the fejlkoder it can carry. */
export const X_FEJLKODER = 'x-fejlkoder';

/**
 * The error responses of an operation, all application/problem+json. `koder` declares the fejlkoder
 * the operation itself can answer with, per status: only those statuses appear (besides the
 * pipeline's 400, 401, 403, 412, 429, 500 and 503, whose codes PIPELINE_FEJLKODER adds). Each
 * response's description lists its codes with their registry texts, and `x-fejlkoder` lists them for
 * machines. A code whose registry status is not the status it is declared under is a programming
 * error (thrown at start-up). `body: true` adds 413 and 415 (operations with a request body).
 *
 * @fastify/swagger drops unknown keys of a response object, so `x-fejlkoder` rides on the media type
 * and `hoistFejlkoder` (plugins/swagger.ts transformObject) moves it up to the response.
 */
export function problemResponses(koder: Fejlkoder = {}, options: { body?: boolean } = {}) {
  for (const [status, list] of Object.entries(koder) as [string, readonly Fejlkodenummer[]][]) {
    for (const k of list) {
      if (fejlkode(k).status !== Number(status)) throw new Error(`fejlkode ${k} has status ${fejlkode(k).status} in the registry, not ${status}`);
    }
  }
  const statuses = [400, 401, 403, 412, 429, 500, 503, ...Object.keys(koder).map(Number), ...(options.body ? [413, 415] : [])];
  const all = [...new Set(statuses)].sort();
  return Object.fromEntries(
    all.map((status) => {
      const pipeline: readonly Fejlkodenummer[] = (PIPELINE_FEJLKODER as Record<number, readonly Fejlkodenummer[]>)[status] ?? [];
      const own: readonly Fejlkodenummer[] = (koder as Record<number, readonly Fejlkodenummer[]>)[status] ?? [];
      const list = [...new Set([...pipeline, ...own])];
      return [
        status,
        {
          description: problemDescription(status, list),
          ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
          ...(status === 503 ? { headers: { 'retry-after': Type.Integer({ description: 'Sekunder før et nyt forsøg giver mening' }) } } : {}),
          content: {
            'application/problem+json': {
              schema: Type.Ref(ProblemSchema),
              [X_FEJLKODER]: list,
              ...(PROBLEM_EXAMPLES[status] ? { examples: { [`Problem${status}`]: { $ref: `#/components/examples/Problem${status}` } } } : {}),
            },
          },
        },
      ];
    }),
  ) as Record<
    number,
    {
      description: string;
      headers?: Record<string, TSchema>;
      content: Record<string, { schema: TSchema; examples?: Record<string, { $ref: string }> }>;
    }
  >;
}

/** transformObject of @fastify/swagger: moves `x-fejlkoder` from each response's media type to the response. */
export function hoistFejlkoder<T>(document: T): T {
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const paths = (document as any)?.paths ?? {};
  for (const item of Object.values<any>(paths)) {
    for (const op of Object.values<any>(item)) {
      for (const response of Object.values<any>(op?.responses ?? {})) {
        for (const media of Object.values<any>(response?.content ?? {})) {
          if (media && X_FEJLKODER in media) {
            response[X_FEJLKODER] = media[X_FEJLKODER];
            delete media[X_FEJLKODER];
          }
        }
      }
    }
  }
  /* eslint-enable @typescript-eslint/no-explicit-any */
  return document;
}

export const ServiceKvittering = Type.Object(
  {
    haendelsestidspunkt: Type.String({ format: 'date-time', description: d('Tidspunkt for transaktionen', 'EventDate') }),
    beskedId: Type.String({ pattern: GUID_PATTERN, description: d('Unik identifikation af transaktionen', 'MessageIdentifier') }),
  },
  { description: d('Kvittering for transaktionen', 'ServiceReceipt') },
);
