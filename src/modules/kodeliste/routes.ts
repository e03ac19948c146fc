import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { READ_KODELISTE } from '../../domain/access';
import { kodelisteRegister, type KodelisteNavn, type KodelisteRegister } from '../../domain/kodeliste-register';
import { problemResponses, V1Headers } from '../../schemas/common';
import { KodelisteParams, KodelisteQuery, KodelisteSvar } from './schemas';

const tags = ['Kodeliste'];
const security = [{ bearerAuth: [] }];

/** The values of one list, as answered (plain objects, in code or name order). */
export function kodeliste(register: KodelisteRegister, navn: KodelisteNavn, gyldigPaa?: string): KodelisteSvar {
  switch (navn) {
    case 'klientkategori':
      return { kodeliste: navn, vaerdier: register.klientkategorier.map((k) => ({ ...k, tilladteLedighedsgrader: [...k.tilladteLedighedsgrader] })) };
    case 'ledighedsgrad':
      return { kodeliste: navn, vaerdier: [...register.ledighedsgrader] };
    case 'afmeldingsaarsag':
      return { kodeliste: navn, vaerdier: [...register.afmeldingsaarsager] };
    case 'forsikringskategori':
      return { kodeliste: navn, vaerdier: [...register.forsikringskategorier] };
    case 'kontaktgruppe':
      return { kodeliste: navn, vaerdier: [...register.kontaktgrupper] };
    case 'stillingsbetegnelse': {
      const stillinger = gyldigPaa ? register.gyldigeStillingsbetegnelser(gyldigPaa) : register.stillingsbetegnelser;
      return { kodeliste: navn, vaerdier: stillinger.map((s) => ({ ...s, aliaser: [...s.aliaser] })) };
    }
  }
}

/** GetKodeliste: the code lists the enrollment forms need (read-only reference data). */
export default async function kodelisteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/:navn',
    {
      config: { access: READ_KODELISTE },
      schema: {
        operationId: 'GetKodeliste',
        summary: 'Henter en kodeliste til tilmeldingsformularerne',
        description:
          'Ny operation (specifikationerne henviser kun til kodelisterne: ClientCategoryTypeIdentifierType, ' +
          'CurrentUnemploymentStatusTypeIdentifierType, RemovalCauseTypeIdentifierType, forsikringskategori, kontaktgruppe og ' +
          'stillingsbetegnelser (ConceptUriDa)). Referencedata: alle roller med scope kodeliste.read. ' +
          'x-civilRegistrationIdentifier bruges ikke (send borgerens eget CPR med et borgertoken, ellers fx 0000000000). ' +
          'Stillingsbetegnelser har gyldighedsdatoer; `gyldigPaa` giver kun dem, der er gyldige den dag.',
        tags,
        security,
        headers: V1Headers,
        params: KodelisteParams,
        querystring: KodelisteQuery,
        response: { 200: KodelisteSvar, ...problemResponses() },
      },
    },
    async (request) => kodeliste(await kodelisteRegister(app.prisma), request.params.navn, request.query.gyldigPaa),
  );
}
