/**
 * The GetCVAsPdf scenario's data: citizens with a Jobnet account, registry data and a CV of
 * realistic size (several jobs and educations, a formatted summary with Danish letters), written
 * through CvService.replace, the service's own ReplaceCV path. There is no baseline for a PDF:
 * the scenario reports PDFs per second and p99 of the service alone.
 */
import type { Pool } from 'pg';
import { systemClock } from '../src/domain/clock';
import { CvService } from '../src/modules/cv/service';
import type { CvInput } from '../src/modules/cv/schemas';

export const PDF_PATH = '/v1/CV/Pdf';

const job = (i: number) => ({
  stillingsbetegnelse: ['Lagermedarbejder', 'Truckfører', 'Pædagogmedhjælper', 'Butiksassistent', 'Tømrer'][i % 5],
  arbejdsgiver: ['Østjysk Lager A/S', 'Brødrene Ærø ApS', 'Børnehuset Åen', 'Føtex Aarhus', 'Tømrerfirmaet Søndergaard'][i % 5],
  startdato: { aar: 2005 + i * 3, maaned: (i % 12) + 1 },
  ...(i < 4 ? { slutdato: { aar: 2007 + i * 3, maaned: ((i + 5) % 12) + 1 } } : {}),
  beskrivelse: 'Ansvar for varemodtagelse, plukning og pakning; oplæring af nye kolleger og daglig kvalitetskontrol. '.repeat(3),
});

export const BENCH_CV: CvInput = {
  kontaktoplysninger: { email: 'bench.borger@example.dk', telefonnumre: ['+45 12345678'] },
  jobbetingelser: { fuldtid: true, fastStilling: true, almindeligeVilkaar: true },
  jobmaal: [{ stillingsbetegnelse: 'Lagerchef', stillingsbetegnelseReference: 4711, harUddannelse: false, maanederMedErfaring: 60 }],
  cv: {
    tidligereErhvervserfaring: Array.from({ length: 5 }, (_, i) => job(i)),
    uddannelser: [
      { art: 'FormelUddannelse', titel: 'Lager- og terminaluddannelsen', institution: 'Erhvervsskolen Århus', startdato: { aar: 2003 }, slutdato: { aar: 2005 } },
      { art: 'Kursus', titel: 'Truckcertifikat B', institution: 'AMU Østjylland', startdato: { aar: 2008 } },
      { art: 'Certifikat', titel: 'Førstehjælp', institution: 'Dansk Røde Kors', startdato: { aar: 2020 } },
    ],
    kvalifikationer: [{ navn: 'Truckkørsel' }, { navn: 'Lagerstyring (SAP)' }, { navn: 'Førstehjælp' }],
    koerekort: [{ kode: 'B' }, { kode: 'Truck' }],
    sprogkundskaber: [
      { kode: 'da', niveau: 'Expert' },
      { kode: 'en', niveau: 'Competent' },
    ],
    andreErfaringer: [{ titel: 'Frivillig træner', sted: 'Ølstykke Svømmeklub', beskrivelse: 'Træner for børnehold to gange om ugen.', startdato: { aar: 2018 } }],
    fagligProfil: {
      htmlTekst:
        '<p>Erfaren <strong>lagermedarbejder</strong> med <em>øje</em> for <u>sikkerhed</u> og orden.</p>' +
        '<ul><li>Varemodtagelse og plukning</li><li>Truck og stabler</li><li>Oplæring af nye kolleger</li></ul>',
    },
    websider: ['https://www.linkedin.com/in/bench-borger'],
  },
};

/** Gives each citizen a Jobnet account, registry data (Aarhus) and the CV above. */
export async function seedCvs(pool: Pool, cprs: string[]): Promise<void> {
  await pool.query(
    `INSERT INTO jobnet_konto (cpr, "cvNummer") SELECT cpr, lpad((30000000 + n)::text, 8, '0') FROM unnest($1::bpchar[]) WITH ORDINALITY AS t(cpr, n)`,
    [cprs],
  );
  await pool.query(
    `INSERT INTO cv_stamdata (cpr, kommunekode, kommunenavn, ydelsesgruppe, adresselinje, postnummer, postdistrikt)
     SELECT cpr, '751', 'Aarhus', 'Kontanthjaelp', 'Åboulevarden 12, 2. th.', '8000', 'Aarhus C' FROM unnest($1::bpchar[]) AS cpr`,
    [cprs],
  );
  const service = new CvService(systemClock, pool);
  for (const cpr of cprs) await service.replace(cpr, BENCH_CV);
  await pool.query('ANALYZE jobnet_konto, cv_stamdata, cv, cv_version');
}
