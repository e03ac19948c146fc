import { Type, type Static } from '@sinclair/typebox';
import { d } from '../../schemas/common';
import { KODELISTE_NAVNE } from '../../domain/kodeliste-register';

export const KodelisteParams = Type.Object(
  {
    navn: Type.Unsafe<(typeof KODELISTE_NAVNE)[number]>({
      type: 'string',
      enum: [...KODELISTE_NAVNE],
      description: d('Kodelistens navn', 'CodeListName'),
      examples: ['klientkategori'],
    }),
  },
  { additionalProperties: false },
);

export const KodelisteQuery = Type.Object(
  {
    gyldigPaa: Type.Optional(
      Type.String({
        format: 'date',
        maxLength: 10,
        description: d('Kun stillingsbetegnelser, der er gyldige på denne dato (ÅÅÅÅ-MM-DD); udeladt: alle, også udløbne', 'ValidOn'),
        examples: ['2026-11-29'],
      }),
    ),
  },
  { additionalProperties: false },
);

const kode = Type.Integer({ description: d('Kodeværdien', 'CodeListItemIdentifier'), examples: [1] });
const navn = Type.String({ description: d('Kodeværdiens navn', 'Name'), examples: ['Dagpengemodtager'] });
const kunIntern = Type.Boolean({ description: d('Kun til intern brug: kun jobcentrets egne systemer må anvende værdien (6052)', 'InternalOnly') });
const alder = (what: string) => Type.Union([Type.Integer(), Type.Null()], { description: d(what, 'Age') });

const Klientkategori = Type.Object(
  {
    kode,
    navn,
    kunIntern,
    kanTilmeldes: Type.Boolean({ description: d('Kategorien kan tilmeldes (ellers 4641)', 'MayEnroll') }),
    kraeverStillingsbetegnelse: Type.Boolean({ description: d('Tilmelding kræver mindst ét jobønske (ellers 7062)', 'ProfessionRequired') }),
    kontanthjaelpskategori: Type.Boolean({ description: d('Kontant- eller uddannelseshjælpskategori (2, 4, 6, 7, 8 og 9; 4378)', 'CashBenefitCategory') }),
    udenYdelse: Type.Boolean({ description: d("'Tilmeldt uden ydelse' (4339, 4763)", 'WithoutBenefit') }),
    kraeverAkasse: Type.Boolean({ description: d('Kræver medlemskab af en a-kasse (4417, 4385)', 'UnemploymentFundRequired') }),
    kontaktgruppe: Type.Integer({ description: d('Den kontaktgruppe, tilmeldingen giver', 'ContactGroup') }),
    minAlder: alder('Mindste alder i hele år på tilmeldingsdagen (6033); null: ingen grænse'),
    maxAlder: alder('Højeste alder i hele år på tilmeldingsdagen (6033); null: ingen grænse'),
    tilladteLedighedsgrader: Type.Array(Type.Integer(), { description: d('De ledighedsgrader, kategorien kan tilmeldes med (6014)', 'AllowedStatuses') }),
  },
  { additionalProperties: false, description: d('Klientkategori', 'ClientCategoryType') },
);
const Ledighedsgrad = Type.Object(
  { kode, navn, kunIntern, ikkeLedig: Type.Boolean({ description: d("'Ikke ledig' (4339)", 'NotUnemployed') }) },
  { additionalProperties: false, description: d('Ledighedsgrad', 'CurrentUnemploymentStatusType') },
);
const Afmeldingsaarsag = Type.Object(
  {
    kode,
    navn,
    kunIntern,
    maxDageFrem: Type.Integer({ description: d('Afmeldingsdatoen må ligge højst så mange dage efter i dag (4322)', 'MaxDaysAhead') }),
    kunAkasse: Type.Boolean({ description: d('Kun a-kasser må bruge årsagen (9118)', 'UnemploymentFundOnly') }),
    ikkeAkasse: Type.Boolean({ description: d('A-kasser må ikke bruge årsagen (9298)', 'NotUnemploymentFund') }),
  },
  { additionalProperties: false, description: d('Afmeldingsårsag', 'RemovalCauseType') },
);
const Forsikringskategori = Type.Object({ kode, navn, kunIntern }, { additionalProperties: false, description: d('Forsikringskategori (4321)', 'InsuranceCategory') });
const Kontaktgruppe = Type.Object(
  {
    kode,
    navn,
    kunIntern,
    minAlder: alder('Mindste alder i hele år (6033); null: ingen grænse'),
    maxAlder: alder('Højeste alder i hele år (6033); null: ingen grænse'),
    akasseMaaRegistrereCvStatus: Type.Boolean({ description: d('En a-kasse må registrere CV-status for borgere i gruppen (9009: 1, 8 og 23)', 'FundMayRegisterCvStatus') }),
  },
  { additionalProperties: false, description: d('Kontaktgruppe', 'ContactGroupType') },
);
const Stillingsbetegnelse = Type.Object(
  {
    conceptUriDa: Type.String({ description: d('Unik ESCO STAR identifikation på stillingsbetegnelse', 'ConceptUriDa') }),
    navn: Type.String({ description: d('Stillingsbetegnelsen', 'Name') }),
    discoKode: Type.String({ description: d('DISCO-08-gruppe (4 cifre)', 'DiscoCode') }),
    gyldigFra: Type.String({ format: 'date', description: d('Første gyldighedsdag', 'ValidFrom') }),
    gyldigTil: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: d('Sidste gyldighedsdag; null: uden slutdato. Udløbne giver 8282', 'ValidTo') }),
    aliaser: Type.Array(
      Type.Object(
        {
          aliasIdentifier: Type.String({ description: d('Unik ESCO STAR identifikation på alias', 'AliasIdentifier') }),
          navn: Type.String({ description: d('Aliasets navn', 'Name') }),
        },
        { additionalProperties: false },
      ),
      { description: d('Andre navne for stillingsbetegnelsen', 'Aliases') },
    ),
  },
  { additionalProperties: false, description: d('Stillingsbetegnelse', 'Occupation') },
);

const liste = <N extends string, T extends ReturnType<typeof Type.Object>>(name: N, item: T) =>
  Type.Object(
    { kodeliste: Type.Literal(name, { description: d('Kodelistens navn', 'CodeListName') }), vaerdier: Type.Array(item, { description: d('Værdierne', 'Values') }) },
    { additionalProperties: false, title: name },
  );

export const KodelisteSvar = Type.Union(
  [
    liste('klientkategori', Klientkategori),
    liste('ledighedsgrad', Ledighedsgrad),
    liste('afmeldingsaarsag', Afmeldingsaarsag),
    liste('forsikringskategori', Forsikringskategori),
    liste('kontaktgruppe', Kontaktgruppe),
    liste('stillingsbetegnelse', Stillingsbetegnelse),
  ],
  {
    description: d('En kodeliste og dens værdier', 'CodeList'),
    examples: [
      {
        kodeliste: 'ledighedsgrad',
        vaerdier: [
          { kode: 1, navn: 'Fuldt ledig', kunIntern: false, ikkeLedig: false },
          { kode: 3, navn: 'Ikke ledig', kunIntern: false, ikkeLedig: true },
        ],
      },
    ],
  },
);
export type KodelisteSvar = Static<typeof KodelisteSvar>;
