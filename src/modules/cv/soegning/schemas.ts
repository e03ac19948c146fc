/**
 * SearchCVText (CVService): the v1 schemas of the CV search. Danish names; each description ends with the
 * specification's English element name (glossary: docs/cv-glossary.md, "Search"). Design: docs/cv-search.md.
 *
 * Codes (occupations, education levels, languages, licences, postal code, cities and the fixed job-condition
 * values) are plain strings here and checked by the service, so an unknown one answers 400/1014 naming the
 * field and the nearest valid values, instead of a bare schema error (or, as JobTech's users complain, zero hits).
 */
import { Type, type Static } from '@sinclair/typebox';
import { d, Guid } from '../../../schemas/common';

/** Hard limits (docs/cv-search.md): page size, depth (how far one can page), facet groups, list lengths. */
export const SOEG_GRAENSER = {
  resultaterPrSide: 100,
  dybde: 1000,
  antalGrupper: 100,
  listelaengde: 50,
  tekst: 200,
  afstandKm: 500,
  /** Above this many CVs to count (the hits and the rows failing one facet filter), the facets count a sample of about this size. */
  facetStikproeve: 5000,
} as const;
export const STANDARD_AFSTAND_KM = 40;
export const STANDARD_RESULTATER_PR_SIDE = 20;
export const STANDARD_ANTAL_GRUPPER = 20;

const Tekst = (maxLength: number, description: string, examples?: string[]) =>
  Type.String({ minLength: 1, maxLength, description, ...(examples ? { examples } : {}) });

const Liste = (description: string, examples?: string[]) =>
  Type.Optional(
    Type.Array(Tekst(150, 'En værdi fra de tilsvarende grupper (GroupSummation) i et søgeresultat'), {
      maxItems: SOEG_GRAENSER.listelaengde,
      description,
      ...(examples ? { examples: [examples] } : {}),
    }),
  );

export const GeoPunkt = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: d('Breddegrad (WGS84)', 'GeoPointLat'), examples: [56.1567] }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: d('Længdegrad (WGS84)', 'GeoPointLon'), examples: [10.2108] }),
  },
  { additionalProperties: false, description: d('Et geografisk punkt', 'GeoPoint') },
);

export const SoegCvInput = Type.Object(
  {
    soegeId: Type.Optional(
      Guid(
        d(
          'Søge-id fra et tidligere svar: henter en anden side af samme søgning i samme rækkefølge. Uden søge-id er det en ny søgning, og kriterierne skal angives',
          'Id',
        ),
      ),
    ),
    sidenummer: Type.Optional(
      Type.Integer({ minimum: 1, maximum: SOEG_GRAENSER.dybde, default: 1, description: d('Sidenummer (side 1 er første side)', 'PageNumber'), examples: [1] }),
    ),
    resultaterPrSide: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: SOEG_GRAENSER.resultaterPrSide,
        default: STANDARD_RESULTATER_PR_SIDE,
        description: d(`Antal resultater på hver side (1-${SOEG_GRAENSER.resultaterPrSide}, standard ${STANDARD_RESULTATER_PR_SIDE})`, 'ResultsPerPage'),
        examples: [20],
      }),
    ),
    antalGrupper: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: SOEG_GRAENSER.antalGrupper,
        default: STANDARD_ANTAL_GRUPPER,
        description: d(`Højst så mange grupper pr. gruppering i svaret (0-${SOEG_GRAENSER.antalGrupper}, standard ${STANDARD_ANTAL_GRUPPER})`, 'GroupLimit'),
        examples: [10],
      }),
    ),
    soegetekst: Type.Optional(
      Tekst(SOEG_GRAENSER.tekst, d('Fritekst. Ord søges med dansk bøjning (sygeplejerske finder sygeplejersker); "citat", OR og -udeluk virker som i en websøgning', 'SearchString'), [
        'pædagog',
      ]),
    ),
    sekundaerSoegetekst: Type.Optional(
      Tekst(SOEG_GRAENSER.tekst, d('Fritekst, der vægtes lavere, fx synonymer eller beslægtede fag', 'SearchStringSecondary'), ['social- og sundhedsassistent']),
    ),
    naerPostnummer: Type.Optional(Tekst(4, d('Søg inden for afstandKm (standard 40 km) fra postnummeret', 'CloseToPostalCode'), ['8000'])),
    naerBy: Type.Optional(Tekst(50, d('Søg inden for afstandKm (standard 40 km) fra byen (et postdistrikt, fx "Aarhus C", eller "Aarhus")', 'CloseToCity'), ['Aarhus'])),
    geoPunkt: Type.Optional(
      Type.Object(GeoPunkt.properties, {
        additionalProperties: false,
        description: d('Søg inden for afstandKm (standard 40 km) fra punktet', 'SearchFromGeoPointLat, SearchFromGeoPointLon'),
      }),
    ),
    afstandKm: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: SOEG_GRAENSER.afstandKm,
        description: d(`Radius i km om naerPostnummer, naerBy eller geoPunkt (standard ${STANDARD_AFSTAND_KM})`, 'SearchInGeoDistance'),
        examples: [40],
      }),
    ),
    stillingsbetegnelser: Liste(d('Stillingsbetegnelser (jobønsker); et CV med én af dem', 'OccupationNames'), ['Sygeplejerske']),
    stillingsbetegnelserMedUddannelse: Liste(d('Stillingsbetegnelser, hvor borgeren har uddannelse', 'OccupationNamesWithEducation')),
    stillingsbetegnelserUdenUddannelse: Liste(d('Stillingsbetegnelser, hvor borgeren ikke har uddannelse', 'OccupationNamesWithOutEducation')),
    stillingsbetegnelserMedErfaring: Liste(d('Stillingsbetegnelser, hvor borgeren har erhvervserfaring', 'OccupationNamesWithExperience')),
    stillingsbetegnelserUdenErfaring: Liste(d('Stillingsbetegnelser, hvor borgeren ikke har erhvervserfaring', 'OccupationNamesWithOutExperience')),
    kompetencer: Liste(d('Kompetencer (kvalifikationer)', 'Competences'), ['Førstehjælp']),
    uddannelsesniveauer: Liste(d('Højeste uddannelsesniveau (EducationLevelEnum)', 'EducationLevels'), ['Bachelor']),
    sprog: Liste(d('Sprog: ISO 639-1-kode eller dansk navn', 'Languages'), ['en']),
    koerekort: Liste(d('Kørekort (DriverLicenseEnum)', 'DriversLicenses'), ['B']),
    ansaettelsesbetingelser: Liste(
      d('Ansættelsesbetingelser: "Almindelige vilkår", "Efterlønnere og seniorer" eller "Førtidspensionister på særlige vilkår"', 'TermsOfEmployments'),
    ),
    byer: Liste(d('Byer (postdistrikt i borgerens adresse)', 'Cities'), ['Aarhus C']),
    ansaettelsesstart: Liste(d('Ansættelsesstart: "Hurtigst muligt" eller "Efter aftale"', 'WorkStart')),
    arbejdstid: Liste(d('Ugentlig arbejdstid: "Fuldtid" eller "Deltid"', 'WorkTime'), ['Fuldtid']),
    ansaettelsesform: Liste(d('Ansættelsesform: "Fast ansættelse" eller "Tidsbegrænset"', 'EmploymentType')),
    kunTilmeldte: Type.Optional(Type.Boolean({ default: false, description: d('Kun borgere, der i dag er tilmeldt som ledige', 'ShowOnlyEnrolled') })),
    opdateretEfter: Type.Optional(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description: d('Kun CV\'er ændret efter dette tidspunkt (angivet: IsDateIntervalSpecified)', 'UpdatedLaterThan'),
      }),
    ),
    opdateretFoer: Type.Optional(
      Type.String({
        format: 'date-time',
        maxLength: 40,
        description: d('Kun CV\'er ændret før dette tidspunkt (angivet: IsDateIntervalSpecified)', 'UpdatedBefore'),
      }),
    ),
  },
  {
    $id: 'SoegCvInput',
    additionalProperties: false,
    description: d(
      'Søgekriterier. Inden for en liste er det "en af" (ELLER); kriterierne indbyrdes skal alle være opfyldt (OG)',
      'SearchCVTextRequest / SearchInput',
    ),
    examples: [
      { soegetekst: 'pædagog', koerekort: ['B'], naerPostnummer: '8000', afstandKm: 40, resultaterPrSide: 20, antalGrupper: 10 },
      { soegeId: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c', sidenummer: 2, resultaterPrSide: 20 },
    ],
  },
);
export type SoegCvInput = Static<typeof SoegCvInput>;

const Gruppe = Type.Object(
  {
    navn: Type.String({ description: d('Værdien; kan sendes med i en ny søgning som filter', 'Name') }),
    visningsnavn: Type.Optional(Type.String({ description: d('Dansk navn på en kode (sprog, kørekort, uddannelsesniveau)', 'DisplayName') })),
    antal: Type.Integer({ minimum: 0, description: d('Antal CV\'er med værdien, med alle andre filtre end gruppens eget', 'Count') }),
  },
  { additionalProperties: false, description: d('En gruppe i søgeresultatet med antal', 'GroupSummation') },
);
const Grupper = (dansk: string, english: string) =>
  Type.Array(Gruppe, { description: d(`${dansk} i søgeresultatet med antal, flest først. Tæller med alle filtre undtagen gruppens eget`, english) });

export const SoegeGrupper = Type.Object(
  {
    stillingsbetegnelser: Grupper('Stillingsbetegnelser', 'OccupationNames'),
    kompetencer: Grupper('Kompetencer', 'Competences'),
    uddannelsesniveauer: Grupper('Højeste uddannelsesniveauer', 'MaxEducationLevelIds'),
    sprog: Grupper('Sprog', 'Languages'),
    koerekort: Grupper('Kørekort', 'DriversLicenseIds'),
    ansaettelsesbetingelser: Grupper('Ansættelsesbetingelser', 'Jobconditions'),
    byer: Grupper('Byer', 'Cities'),
    ansaettelsesform: Grupper('Ansættelsesformer', 'EmploymentType'),
    arbejdstid: Grupper('Ugentlige arbejdstider', 'WorkTime'),
    ansaettelsesstart: Grupper('Ansættelsesstarter', 'WorkStart'),
    stillingsbetegnelserMedErfaring: Grupper('Stillingsbetegnelser med erhvervserfaring', 'OccupationNamesWithExperience'),
    stillingsbetegnelserMedUddannelse: Grupper('Stillingsbetegnelser med uddannelse', 'OccupationNamesWithEducation'),
  },
  { additionalProperties: false, description: d('Grupperinger af søgeresultatet (facetter)', 'GroupSummations') },
);
export type SoegeGrupper = Static<typeof SoegeGrupper>;

export const CvPerson = Type.Object(
  {
    cpr: Type.Optional(
      Type.String({
        pattern: '^[0-9]{10}$',
        description: d('Borgerens CPR-nummer. Ikke til anden aktør, der når CV\'et via CV-nummeret med borgerens samtykke', 'PersonCivilRegistrationIdentifier'),
      }),
    ),
    kommune: Type.Optional(
      Type.Object(
        {
          kommunekode: Type.String({ pattern: '^[0-9]{3}$', description: d('Kommunekode', 'MunicipalityCode') }),
          kommunenavn: Type.String({ description: d('Kommunens navn', 'MunicipalityName') }),
        },
        { additionalProperties: false, description: d('Borgerens kommune', 'Municipality') },
      ),
    ),
    cvNummer: Type.String({ pattern: '^[0-9]{8}$', description: d('CV-nummer', 'CVNumber') }),
    fornavn: Type.Optional(Type.String({ description: d('Fornavn', 'FirstName') })),
    efternavn: Type.Optional(Type.String({ description: d('Efternavn', 'LastName') })),
    postnummer: Type.Optional(Type.String({ description: d('Postnummer', 'PostalCode') })),
    by: Type.Optional(Type.String({ description: d('By (postdistrikt)', 'City') })),
    hoejesteUddannelse: Type.Optional(Type.String({ description: d('Navnet på den højeste uddannelse', 'MaxEducationName') })),
    stillingsbetegnelser: Type.Array(Type.String(), { description: d('Jobønskernes stillingsbetegnelser', 'OccupationNames') }),
    geoPunkt: Type.Optional(Type.Object(GeoPunkt.properties, { additionalProperties: false, description: d('Postnummerets centrum (WGS84)', 'GeoPointLat, GeoPointLon') })),
    afstandKm: Type.Optional(Type.Number({ minimum: 0, description: d('Afstand i km fra søgningens punkt, når der er søgt på afstand', 'Distance') })),
  },
  { additionalProperties: false, description: d('Et fundet CV, med de felter en søgende må se', 'CVPerson') },
);
export type CvPerson = Static<typeof CvPerson>;

export const SoegCvSvar = Type.Object(
  {
    soegeId: Guid(d('Søge-id: send det med for at hente andre sider af samme søgning i samme rækkefølge', 'Id')),
    udloeber: Type.String({ format: 'date-time', description: d('Hvornår søge-id\'et udløber', 'ExpiryTime') }),
    sidenummer: Type.Integer({ minimum: 1, description: d('Sidenummeret på de returnerede resultater', 'PageNumber') }),
    resultaterPrSide: Type.Integer({ minimum: 1, description: d('Sidestørrelsen', 'ResultsPerPage') }),
    antalResultater: Type.Integer({ minimum: 0, description: d('Antal CV\'er, søgningen fandt', 'TotalResults') }),
    antalSider: Type.Integer({ minimum: 0, description: d(`Antal sider, der kan hentes (højst ${SOEG_GRAENSER.dybde} resultater i alt)`, 'PageCount') }),
    cvPersoner: Type.Array(CvPerson, {
      description: d('Siden af resultatet, mest relevante først. Et CV, der siden søgningen er blevet usøgbart, udelades', 'CVPersons'),
    }),
    grupper: SoegeGrupper,
    grupperAnslaaet: Type.Boolean({
      description: d(
        `Ny: true når antallene i grupper er anslået ud fra en stikprøve, fordi flere end ${SOEG_GRAENSER.facetStikproeve.toLocaleString('da-DK')} CV'er ` +
          'indgår i optællingen (fx en søgning kun på et sted eller et bredt filter uden fritekst); antalResultater er altid nøjagtigt. ' +
          'false: nøjagtige antal',
        'ikke i specifikationen',
      ),
    }),
  },
  {
    $id: 'SoegCvSvar',
    additionalProperties: false,
    description: d('Resultatet af søgningen', 'SearchCVTextResponse / SearchResult'),
    examples: [
      {
        soegeId: '3f1c2a9e-8b7d-4c6e-9a1b-2d3e4f5a6b7c',
        udloeber: '2026-11-29T12:30:00.000Z',
        sidenummer: 1,
        resultaterPrSide: 20,
        antalResultater: 1,
        antalSider: 1,
        cvPersoner: [
          {
            cpr: '0101901234',
            kommune: { kommunekode: '751', kommunenavn: 'Aarhus' },
            cvNummer: '10000001',
            fornavn: 'Anna',
            efternavn: 'Andersen',
            postnummer: '8000',
            by: 'Aarhus C',
            hoejesteUddannelse: 'Sygeplejerske, professionsbachelor',
            stillingsbetegnelser: ['Sygeplejerske'],
            geoPunkt: { lat: 56.1567, lon: 10.2108 },
            afstandKm: 0,
          },
        ],
        grupper: {
          stillingsbetegnelser: [{ navn: 'Sygeplejerske', antal: 1 }],
          kompetencer: [{ navn: 'Førstehjælp', antal: 1 }],
          uddannelsesniveauer: [{ navn: 'Bachelor', visningsnavn: 'Bachelor', antal: 1 }],
          sprog: [{ navn: 'da', visningsnavn: 'Dansk', antal: 1 }],
          koerekort: [{ navn: 'B', visningsnavn: 'Almindelig bil (B)', antal: 1 }],
          ansaettelsesbetingelser: [{ navn: 'Almindelige vilkår', antal: 1 }],
          byer: [{ navn: 'Aarhus C', antal: 1 }],
          ansaettelsesform: [{ navn: 'Fast ansættelse', antal: 1 }],
          arbejdstid: [{ navn: 'Fuldtid', antal: 1 }],
          ansaettelsesstart: [{ navn: 'Efter aftale', antal: 1 }],
          stillingsbetegnelserMedErfaring: [{ navn: 'Sygeplejerske', antal: 1 }],
          stillingsbetegnelserMedUddannelse: [{ navn: 'Sygeplejerske', antal: 1 }],
        },
        grupperAnslaaet: false,
      },
    ],
  },
);
export type SoegCvSvar = Static<typeof SoegCvSvar>;
