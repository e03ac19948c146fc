import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { d, Guid, GUID_PATTERN } from '../../schemas/common';
import {
  ANDRE_OMRAADER,
  ANSAETTELSESVARIGHEDER,
  ANSAETTELSESVILKAAR,
  ARBEJDSTIDSTYPER,
  HIERARKITYPER,
  REGIONER,
  UDSENDELSESINTERVALLER,
} from '../../domain/kodelister';

/** A string code list as a plain JSON Schema enum (clear errors, clean OpenAPI). */
const Enum = <T extends readonly string[]>(values: T, description: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], description });

const List = <T extends TSchema>(item: T, description: string, maxItems = 50) =>
  Type.Array(item, { maxItems, uniqueItems: true, description });

/**
 * The EmailAddressIdentifierType pattern of REST v1 Jobagent, anchored and with a non-empty local
 * part (the specification's {0,191} accepts "@example.dk"). A violation is 9158.
 */
export const EMAIL_PATTERN = '^[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,191}@[^>()\\[\\]\\\\,;:@\\s\\x00-\\x1f]{1,64}$';

export const Email = Type.String({
  pattern: EMAIL_PATTERN,
  maxLength: 255,
  'x-fejlkode': 9158,
  description: d('Hvilken e-mail jobagentens søgningsresultat skal sendes til', 'EmailAddressIdentifier'),
  examples: ['anna.andersen@example.dk'],
});

const Afstand = Type.Object(
  {
    minAfstand: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, description: d('Minimum afstand i km', 'minafstand') })),
    maxAfstand: Type.Integer({ minimum: 1, maximum: 1000, description: d('Maksimum afstand i km', 'maxafstand') }),
    fraPostnummer: Type.Optional(Type.Integer({ minimum: 1000, maximum: 9999, description: d('Postnummer der måles fra', 'fraPostnummer') })),
    fraKommune: Type.Optional(
      Type.Integer({ minimum: 101, maximum: 999, description: d('Kommunekode der måles fra (angiv enten postnummer eller kommune)', 'fraKommune') }),
    ),
  },
  { additionalProperties: false, description: d('Afstand fra et postnummer eller en kommune', 'AfstandDto') },
);

const Rejsetid = Type.Object(
  {
    minMinutter: Type.Optional(Type.Integer({ minimum: 0, maximum: 600, description: d('Minimum rejsetid i minutter', 'minafstand') })),
    maxMinutter: Type.Integer({ minimum: 1, maximum: 600, description: d('Maksimum rejsetid i minutter', 'maxafstand') }),
  },
  { additionalProperties: false, description: d('Rejsetid i minutter (REST v1 Jobagent beskriver felterne som km; her minutter)', 'rejsetid') },
);

const Geografi = Type.Object(
  {
    region: Type.Optional(List(Enum(REGIONER, 'Dansk region.'), d('Danske regioner', 'region'), 5)),
    andreOmraader: Type.Optional(List(Enum(ANDRE_OMRAADER, 'Område.'), d('Andre geografiske områder m.v.', 'andreomraader'), 4)),
    afstand: Type.Optional(Afstand),
    rejsetid: Type.Optional(Rejsetid),
  },
  { additionalProperties: false, description: d('De geografiske søgeparametre', 'GeografiDto') },
);

const Beskaeftigelsesomraade = Type.Object(
  {
    hierarkielementId: Guid(d('Beskæftigelsesområdets identifikation', 'hierarkielementId')),
    hierarkitype: Enum(HIERARKITYPER, d('Type af beskæftigelsesområde.', 'hierarkitype')),
  },
  { additionalProperties: false, description: d('Beskæftigelsesområde der indgår i søgningen', 'BeskaeftigelsesomraadeDto') },
);

const Stillingsbetegnelse = Type.Object(
  {
    conceptUriDa: Type.String({
      minLength: 1,
      maxLength: 255,
      description: d('Unik ESCO STAR identifikation på stillingsbetegnelse', 'ConceptUriDa'),
      examples: ['http://data.star.dk/esco/occupation/1234'],
    }),
    aliasIdentifier: Type.Optional(Guid(d('Unik ESCO STAR identifikation på alias', 'AliasIdentifier'))),
  },
  { additionalProperties: false, description: d('Stillingsbetegnelse eller alias', 'StillingsbetegnelserDto') },
);

const Arbejdsomraade = Type.Object(
  {
    beskaeftigelsesomraader: Type.Optional(List(Beskaeftigelsesomraade, d('Beskæftigelsesområder der indgår i søgning', 'beskaeftigelsesomraade'))),
    stillingsbetegnelser: Type.Optional(List(Stillingsbetegnelse, d('Stillingsbetegnelser og alias der indgår i søgning', 'stillingsbetegnelser'))),
  },
  { additionalProperties: false, description: d('De arbejdsområder og/eller stillingsbetegnelser der søges på', 'ArbejdsomraadeDto') },
);

const Arbejdstid = Type.Object(
  {
    arbejdstidstype: Enum(ARBEJDSTIDSTYPER, d('Arbejdstid.', 'arbejdstidstype')),
    deltidMinTimer: Type.Optional(Type.Integer({ minimum: 1, maximum: 37, description: d('Ved deltid: minimum antal timer om ugen', 'deltidMinTimer') })),
    deltidMaxTimer: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 37, description: d('Ved deltid: maksimum antal timer om ugen (påkrævet ved deltid)', 'deltidMaxTimer') }),
    ),
  },
  { additionalProperties: false, description: d('Den arbejdstid der søges på', 'ArbejdstidDto') },
);

export const Soegeparametre = Type.Object(
  {
    udMineFraKravTilJobsoegning: Type.Optional(
      Type.Boolean({ description: d('Anvend mine krav til jobsøgning som parametre', 'udMineFraKravTilJobsøgning') }),
    ),
    geografi: Type.Optional(Geografi),
    arbejdsomraade: Type.Optional(Arbejdsomraade),
    ansaettelsesvilkaar: Type.Optional(
      Type.Object(
        { ansaettelsesvilkaartyper: List(Enum(ANSAETTELSESVILKAAR, 'Ansættelsesvilkår.'), d('Ansættelsesvilkår', 'ansaettelsesvilkaartype'), 6) },
        { additionalProperties: false, description: d('De ansættelsesvilkår der søges på', 'AnsaettelsesvilkaarDto') },
      ),
    ),
    ansaettelsesvarighed: Type.Optional(
      Type.Object(
        { ansaettelsesvarighedstyper: List(Enum(ANSAETTELSESVARIGHEDER, 'Varighed.'), d('Ansættelsesvarighed', 'ansaettelsesvarighedstype'), 3) },
        { additionalProperties: false, description: d('Den ansættelsesvarighed der søges på', 'AnsaettelsesvarighedDto') },
      ),
    ),
    arbejdstid: Type.Optional(Arbejdstid),
  },
  { additionalProperties: false, description: d('De søgeparametre der anvendes i jobagenten / den gemte søgning', 'SoegeparametreDto') },
);

/** E-mail notification settings; only automatic job agents have them. */
const NotifikationInput = Type.Object(
  {
    email: Email,
    udsendelsesinterval: Enum(UDSENDELSESINTERVALLER, d('Hvilket interval der skal sendes i.', 'udesendelsesinterval')),
    smsNotifikation: Type.Boolean({ description: d('True hvis borgeren ønsker notifikation via NemSMS', 'smsNotifikation') }),
  },
  {
    additionalProperties: false,
    description: d('Oplysninger om jobagent og notifikation. Kun udfyldt ved automatiske jobagenter', 'JobagentDto'),
  },
);

const Notifikation = Type.Object(
  {
    ...NotifikationInput.properties,
    emailVerificeret: Type.Boolean({
      description: d('Om e-mailen er verificeret og der dermed må sendes til den. Sættes kun af VerificereEmail med koden fra bekræftelsesmailen', 'emailVerificeret'),
    }),
  },
  { description: NotifikationInput.description },
);

const Titel = Type.String({
  minLength: 1,
  maxLength: 100,
  description: d('Titel på jobagent / gemt søgning', 'titel'),
  examples: ['Pædagog i København'],
});

export const JobagentInput = Type.Object(
  {
    titel: Titel,
    jobagent: Type.Optional(NotifikationInput),
    soegeparametre: Soegeparametre,
  },
  {
    $id: 'JobagentInput',
    additionalProperties: false,
    description: d('En jobagent eller gemt søgning som borgeren opretter eller ændrer', 'CreateJobagentRequestDto'),
    examples: [
      {
        titel: 'Pædagog i København',
        jobagent: { email: 'anna.andersen@example.dk', udsendelsesinterval: 'Dagligt', smsNotifikation: false },
        soegeparametre: {
          geografi: { region: ['Hovedstaden'], afstand: { maxAfstand: 25, fraPostnummer: 2100 } },
          arbejdsomraade: { stillingsbetegnelser: [{ conceptUriDa: 'http://data.star.dk/esco/occupation/1234' }] },
          arbejdstid: { arbejdstidstype: 'Deltid', deltidMinTimer: 15, deltidMaxTimer: 30 },
        },
      },
    ],
  },
);
export type JobagentInput = Static<typeof JobagentInput>;

export const Jobagent = Type.Object(
  {
    jobagentId: Type.String({ pattern: GUID_PATTERN, description: d('Unik identifikation af jobagent / gemt søgning', 'jobagentidentifier') }),
    titel: Titel,
    jobagent: Type.Optional(Notifikation),
    soegeparametre: Soegeparametre,
    oprettet: Type.String({ format: 'date-time', description: d('Hvornår jobagenten blev oprettet', 'CreatedDateTime') }),
    opdateret: Type.String({ format: 'date-time', description: d('Hvornår jobagenten sidst blev ændret', 'UpdatedDateTime') }),
  },
  {
    $id: 'Jobagent',
    description: d('En jobagent / gemt søgning', 'JobagentDto'),
    examples: [
      {
        jobagentId: '3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b',
        titel: 'Pædagog i København',
        jobagent: { email: 'anna.andersen@example.dk', udsendelsesinterval: 'Dagligt', smsNotifikation: false, emailVerificeret: false },
        soegeparametre: { geografi: { region: ['Hovedstaden'] } },
        oprettet: '2026-11-23T09:15:00.000Z',
        opdateret: '2026-11-23T09:15:00.000Z',
      },
    ],
  },
);
export type Jobagent = Static<typeof Jobagent>;

export const JobagentListe = Type.Object(
  { jobagenter: Type.Array(Type.Ref(Jobagent), { description: d('Borgerens jobagenter og gemte søgninger', 'Jobagenter') }) },
  { description: d('Jobagenter', 'JobagentCollection'), examples: [{ jobagenter: Jobagent.examples }] },
);

export const JobagentParams = Type.Object({
  jobagentId: Guid(d('Unik identifikation af jobagent / gemt søgning', 'jobagentidentifier')),
});

export const SoegPaaEmailInput = Type.Object(
  { email: Email },
  {
    additionalProperties: false,
    description: d('Søgning på e-mailadresse', 'GetJobagenterPaaEmailRequest'),
    examples: [{ email: 'anna.andersen@example.dk' }],
  },
);

/** The verification token: 32 random bytes, base64url (43 characters). */
export const EMAIL_TOKEN_PATTERN = '^[A-Za-z0-9_-]{43}$';

export const VerificerEmailInput = Type.Object(
  {
    token: Type.String({
      pattern: EMAIL_TOKEN_PATTERN,
      description: d('Koden fra bekræftelsesmailen, der sendes når e-mailen oprettes eller ændres. Gyldig i 48 timer og kun én gang', 'token'),
      examples: ['q3J9x0mB8vN2cL5tR7wY1zA4sD6fG8hJ0kL2mN4pQ6s'],
    }),
  },
  {
    additionalProperties: false,
    description: d('Bevis for at borgeren har modtaget bekræftelsesmailen', 'VerificereEmailRequest'),
    examples: [{ token: 'q3J9x0mB8vN2cL5tR7wY1zA4sD6fG8hJ0kL2mN4pQ6s' }],
  },
);
export type VerificerEmailInput = Static<typeof VerificerEmailInput>;

export const AfventendeMail = Type.Object(
  {
    id: Type.String({ pattern: GUID_PATTERN, description: d('Mailens id i udbakken', 'id') }),
    modtager: Type.String({ description: d('Modtagerens e-mailadresse', 'recipient') }),
    emne: Type.String({ description: d('Emne', 'subject') }),
    tekst: Type.String({ description: d('Mailens tekst (med bekræftelseskoden)', 'body') }),
    oprettet: Type.String({ format: 'date-time', description: d('Hvornår mailen blev lagt i udbakken', 'created') }),
  },
  { additionalProperties: false, description: d('En mail i udbakken, som endnu ikke er sendt', 'PendingMail') },
);
export type AfventendeMail = Static<typeof AfventendeMail>;

export const AfventendeMailListe = Type.Object(
  { mails: Type.Array(AfventendeMail, { description: d('De nyeste afventende mails, nyeste først (højst 100)', 'mails') }) },
  {
    description: d('Afventende mails', 'PendingMails'),
    examples: [
      {
        mails: [
          {
            id: '9a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d',
            modtager: 'anna.andersen@example.dk',
            emne: 'Bekræft din e-mailadresse til din jobagent på Jobnet',
            tekst:
              'Du har bedt om at få jobagenten "Pædagog i København" sendt til denne e-mailadresse.\n\n' +
              'Bekræft adressen med denne kode (gyldig til 2026-11-25T09:15:00.000Z):\n\nq3J9x0mB8vN2cL5tR7wY1zA4sD6fG8hJ0kL2mN4pQ6s\n\n' +
              'Jobagent: 3f2b8c1e-9d4a-4e7b-8f1a-2c3d4e5f6a7b\n\nHar du ikke bedt om det, kan du se bort fra denne e-mail.\n',
            oprettet: '2026-11-23T09:15:00.000Z',
          },
        ],
      },
    ],
  },
);
