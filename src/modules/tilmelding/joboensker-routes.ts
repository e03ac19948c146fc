import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { READ_JOBOENSKER, WRITE_JOBOENSKER } from '../../domain/access';
import { today } from '../../domain/clock';
import { kodelisteRegister } from '../../domain/kodeliste-register';
import { problemResponses, V1Headers } from '../../schemas/common';
import {
  EKSEMPEL_CONCEPT_URI,
  ErstatJoboenskerInputSchema,
  ErstatJoboenskerSvarSchema,
  getJoboensker,
  JoboenskerSvarSchema,
  replaceJoboensker,
} from './joboensker';

const tags = ['Tilmelding'];
const security = [{ bearerAuth: [] }];

const EKSEMPEL_JOBOENSKE = {
  conceptUriDa: EKSEMPEL_CONCEPT_URI,
  stillingsbetegnelse: 'Tømrer',
  harUddannelse: true,
  aarSidstBrugt: 2024,
  maanederMedErfaring: 36,
  jobTargetIdentifier: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
};

/** GetJoboensker and ReplaceJoboensker ("Jeg søger job som"), under /v1/Tilmelding. */
export default async function joboenskerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/Joboensker',
    {
      config: { access: READ_JOBOENSKER },
      schema: {
        operationId: 'GetJoboensker',
        summary: "Henter borgerens aktuelle jobønsker ('Jeg søger job som')",
        description:
          'Gammelt navn: ingen (UnemploymentEnrollmentService v8, "Metoden benyttes til at hente borgeres aktuelle jobønsker"). ' +
          'Kun aktuel status, i den rækkefølge jobønskerne blev angivet. Fejlkoder: 404/1010 ukendt borger.',
        tags,
        security,
        headers: V1Headers,
        response: { 200: { ...JoboenskerSvarSchema, examples: [{ joboensker: [EKSEMPEL_JOBOENSKE] }] }, ...problemResponses({ 404: [1010] }) },
      },
    },
    async (request) => ({ joboensker: await getJoboensker(app.prisma, await kodelisteRegister(app.prisma), request.cpr) }),
  );

  app.put(
    '/Joboensker',
    {
      config: { access: WRITE_JOBOENSKER },
      schema: {
        operationId: 'ReplaceJoboensker',
        summary: "Erstatter borgerens jobønsker ('Jeg søger job som')",
        description:
          'Gammelt navn: ingen (UnemploymentEnrollmentService v8, "Metoden benyttes til at opdatere jobønsker fra Jobnet"). ' +
          'Listen erstatter alle nuværende jobønsker; en tom liste sletter dem. Alle brud på reglerne svares samlet, hvert med felt. ' +
          'Fejlkoder: 400/1014 (validering; samme jobTargetIdentifier to gange), 400/4318 (ukendt conceptUriDa), ' +
          '404/8281 (aliasIdentifier findes ikke for stillingsbetegnelsen), 422/8282 (stillingsbetegnelsen er ikke gyldig i dag), ' +
          '409/9439 (samme conceptUriDa to gange), 400/4698 (negativt tal), 400/4710 (aarSidstBrugt er ikke et årstal fra 1900 til i år), ' +
          '404/1010 (ukendt borger). Svarets status er den laveste af fejlenes.',
        tags,
        security,
        headers: V1Headers,
        body: {
          ...ErstatJoboenskerInputSchema,
          examples: [
            {
              joboensker: [
                { conceptUriDa: EKSEMPEL_CONCEPT_URI, harUddannelse: true, aarSidstBrugt: 2024, maanederMedErfaring: 36 },
              ],
            },
          ],
        },
        response: {
          200: {
            ...ErstatJoboenskerSvarSchema,
            examples: [
              {
                serviceKvittering: { haendelsestidspunkt: '2026-11-29T10:15:00.000Z', beskedId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b' },
                joboensker: [EKSEMPEL_JOBOENSKE],
              },
            ],
          },
          ...problemResponses({ 400: [4318, 4698, 4710], 404: [1010, 8281], 409: [9439], 422: [8282] }, { body: true }),
        },
      },
    },
    async (request) => {
      const now = app.clock.now();
      const register = await kodelisteRegister(app.prisma);
      const joboensker = await replaceJoboensker(app.prisma, register, request.cpr, request.body.joboensker, now, today(app.clock));
      return { serviceKvittering: { haendelsestidspunkt: now.toISOString(), beskedId: randomUUID() }, joboensker };
    },
  );
}
