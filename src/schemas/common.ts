import { Type, type TSchema } from '@sinclair/typebox';
import { CPR_PATTERN } from '../domain/cpr';
import { REQUEST_ID_MAX_LENGTH } from '../plugins/request-gate';
import { MAX_FEJL } from '../plugins/errors';
import { ApiError, fejlEntry, RuleViolation } from '../domain/errors';

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
  { name: 'Asyl-overgang', description: 'Overgivelsesdato, tidlige overtagelsesdatoer og frist for CV-opdateringer for borgere, der har opnået asyl (CVService)' },
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

const PROBLEM_DESCRIPTIONS: Record<number, string> = {
  400: 'Ugyldig forespørgsel: 1001 (ugyldigt CPR), 1014 (validering; én post pr. felt), eller den fejlkode et felt angiver med x-fejlkode (fx ugyldig e-mail)',
  401: 'Manglende, ugyldigt eller udløbet bearer-token',
  403: 'Ingen adgang: 4575 (rolle eller andet CPR end tokenets), 1013 (manglende scope)',
  404: 'Ukendt borger (1010) eller ukendt id (4589)',
  409: 'Konflikt med den nuværende tilstand',
  412: 'x-requestId er modtaget før; forespørgslen udføres ikke',
  413: 'Request body er for stor',
  415: 'Content-Type er ikke application/json',
  422: 'Forretningsregel brudt (fx 4405: borgeren er død)',
  429: 'For mange forespørgsler',
  500: 'Uventet fejl (uden interne detaljer)',
  503: 'En afhængighed (database, Redis) svarer ikke (8236), eller tjenesten er overbelastet; prøv igen efter Retry-After',
};

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
 * their fejlkoder depend on the operation (its description lists them), so they show the Problem schema's.
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

/** Response schemas for the given error statuses, all application/problem+json. */
export function problemResponses(...statuses: number[]) {
  const all = [...new Set([400, 401, 403, 412, 429, 500, 503, ...statuses])].sort();
  return Object.fromEntries(
    all.map((status) => [
      status,
      {
        description: PROBLEM_DESCRIPTIONS[status] ?? 'Fejl',
        ...(status === 429 ? { headers: RATE_LIMIT_HEADERS } : {}),
        ...(status === 503 ? { headers: { 'retry-after': Type.Integer({ description: 'Sekunder før et nyt forsøg giver mening' }) } } : {}),
        content: {
          'application/problem+json': {
            schema: Type.Ref(ProblemSchema),
            ...(PROBLEM_EXAMPLES[status] ? { examples: { [`Problem${status}`]: { $ref: `#/components/examples/Problem${status}` } } } : {}),
          },
        },
      },
    ]),
  ) as Record<number, { description: string; headers?: Record<string, TSchema>; content: Record<string, { schema: TSchema; examples?: Record<string, { $ref: string }> }> }>;
}

export const ServiceKvittering = Type.Object(
  {
    haendelsestidspunkt: Type.String({ format: 'date-time', description: d('Tidspunkt for transaktionen', 'EventDate') }),
    beskedId: Type.String({ pattern: GUID_PATTERN, description: d('Unik identifikation af transaktionen', 'MessageIdentifier') }),
  },
  { description: d('Kvittering for transaktionen', 'ServiceReceipt') },
);
