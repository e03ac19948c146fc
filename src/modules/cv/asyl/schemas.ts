import { Type, type Static } from '@sinclair/typebox';
import { d, ServiceKvittering } from '../../../schemas/common';

const Dato = (dansk: string, english: string, example: string) =>
  Type.String({ format: 'date', maxLength: 10, description: d(`${dansk} (ÅÅÅÅ-MM-DD)`, english), examples: [example] });

/** TransitionMunicipality (AuthorityCodeType, pattern `[-][1]|[0-9]{1,8}`, anchored here). */
export const KOMMUNE_PATTERN = '^(-1|[0-9]{1,8})$';

const faelles = {
  cvRedigeringSlutdato: Dato('Dato for hvornår jobcenter ikke længere kan rette i CV; på eller efter overgangsdato', 'CVEditEndDate', '2026-12-31'),
  overgangsdato: Dato('Overgivelsesdato til kommune', 'AsylumTransitionDate', '2026-06-01'),
  tidligCvOvergangsdato: Type.Optional(
    Dato('Tidlig overtagelsesdato for hvornår kommunen kan påbegynde opdateringer af CV; på eller før overgangsdato', 'EarlyCVTransitionDate', '2026-05-01'),
  ),
  tidligIntegrationskontraktOvergangsdato: Type.Optional(
    Dato(
      'Tidlig overtagelsesdato for hvornår kommunen kan påbegynde opdateringer af integrationskontraktdata; på eller før overgangsdato',
      'EarlyIntegrationContractTransitionDate',
      '2026-05-15',
    ),
  ),
  overgangskommune: Type.String({
    pattern: KOMMUNE_PATTERN,
    maxLength: 8,
    description: d(
      'For flygtninge den kommune, der fra Udlændingestyrelsen har fået visiteret borgeren og ønsker adgang til data fra LetAsyl; ' +
        'for borgere med en eksisterende integrationskontrakt og familiesammenførte den kommune, borgeren pt. er tilknyttet',
      'TransitionMunicipality',
    ),
    examples: ['751'],
  }),
};

export const AsylovergangOpret = Type.Object(faelles, {
  $id: 'AsylovergangOpret',
  additionalProperties: false,
  description: d('Overgivelsesdato, tidlige overtagelsesdatoer og frist for CV-opdateringer for en borger, der har opnået asyl', 'CreateAsylumTransitionRequest'),
  examples: [
    {
      cvRedigeringSlutdato: '2026-12-31',
      overgangsdato: '2026-06-01',
      tidligCvOvergangsdato: '2026-05-01',
      tidligIntegrationskontraktOvergangsdato: '2026-05-15',
      overgangskommune: '751',
    },
  ],
});
export type AsylovergangOpret = Static<typeof AsylovergangOpret>;

export const AsylovergangOpdater = Type.Object(
  {
    ...faelles,
    rettelseskommentar: Type.Optional(
      Type.String({
        maxLength: 1500,
        description: d('Kommentar til ændringen; påkrævet når overgangsdato ændres (9202)', 'CorrectionComment'),
        examples: ['Overgivelsen er udskudt efter aftale med Udlændingestyrelsen'],
      }),
    ),
  },
  {
    $id: 'AsylovergangOpdater',
    additionalProperties: false,
    description: d('Nye datoer for en eksisterende asyl-overgang', 'UpdateAsylumTransitionRequest'),
    examples: [
      {
        cvRedigeringSlutdato: '2027-01-31',
        overgangsdato: '2026-07-01',
        tidligCvOvergangsdato: '2026-05-01',
        overgangskommune: '751',
        rettelseskommentar: 'Overgivelsen er udskudt efter aftale med Udlændingestyrelsen',
      },
    ],
  },
);
export type AsylovergangOpdater = Static<typeof AsylovergangOpdater>;

export const AsylovergangSvar = Type.Object(
  { serviceKvittering: ServiceKvittering },
  {
    $id: 'AsylovergangSvar',
    description: d('Kvittering', 'CreateAsylumTransitionResponse / UpdateAsylumTransitionResponse'),
    examples: [{ serviceKvittering: { haendelsestidspunkt: '2026-03-02T09:15:00+01:00', beskedId: '5b8f0c9e-1f2a-4d3b-9c4d-5e6f7a8b9c0d' } }],
  },
);
export type AsylovergangSvar = Static<typeof AsylovergangSvar>;
