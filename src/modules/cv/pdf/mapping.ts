import type { CvProfil } from '../schemas';
import type { CvPdfUddannelse, CvPdfView } from './view';

type Uddannelse = CvProfil['cv']['uddannelser'][number];

function uddannelse(u: Uddannelse): CvPdfUddannelse {
  return {
    titel: u.titel,
    sted: u.institution,
    periode: u.startdato || u.slutdato ? { start: u.startdato, slut: u.slutdato } : undefined,
    beskrivelse: u.beskrivelse,
  };
}

/**
 * The stored CV profile as employers see it (CVService GetCVAsPdf). Left out on purpose: the job
 * targets (jobmaal, "Jeg søger job som") and the job conditions, as the specification says, and
 * the CPR-derived birth date and gender, which an employer has no business seeing. The address,
 * e-mail and phone numbers are kept: an employer needs them to get in touch.
 */
export function cvProfilToPdfView(profil: CvProfil, fodnote?: string): CvPdfView {
  const p = profil.personligeData;
  const navn = [p.fornavn, p.mellemnavn, p.efternavn].filter((s) => s && s.trim() !== '').join(' ') || `CV ${profil.cvNummer}`;
  const adresse = p.postadresse;
  const cv = profil.cv;
  return {
    navn,
    kontakt: {
      adresselinjer: adresse
        ? [adresse.coAdresse ? `c/o ${adresse.coAdresse}` : '', adresse.adresselinje, `${adresse.postnummer} ${adresse.postdistrikt}`].filter((s) => s.trim() !== '')
        : [],
      email: p.kontaktoplysninger.email,
      telefonnumre: p.kontaktoplysninger.telefonnumre,
    },
    fagligProfilHtml: cv.fagligProfil?.htmlTekst,
    erhvervserfaring: cv.tidligereErhvervserfaring.map((e) => ({
      titel: e.stillingsbetegnelse,
      sted: e.arbejdsgiver,
      periode: { start: e.startdato, slut: e.slutdato },
      beskrivelse: e.beskrivelse,
    })),
    uddannelser: cv.uddannelser.filter((u) => u.art === 'FormelUddannelse').map(uddannelse),
    kurser: cv.uddannelser.filter((u) => u.art === 'Kursus').map(uddannelse),
    certifikater: cv.uddannelser.filter((u) => u.art === 'Certifikat').map(uddannelse),
    kvalifikationer: cv.kvalifikationer.map((k) => k.navn),
    sprog: cv.sprogkundskaber.map((s) => ({ navn: s.navn, niveau: s.niveau })),
    koerekort: cv.koerekort.map((k) => ({ kode: k.kode, navn: k.navn })),
    andreErfaringer: cv.andreErfaringer.map((a) => ({
      titel: a.titel,
      sted: a.sted,
      periode: { start: a.startdato, slut: a.slutdato },
      beskrivelse: a.beskrivelse,
    })),
    websider: cv.websider,
    ...(fodnote ? { fodnote } : {}),
  };
}
