/**
 * The enrollment-date rule, shared by Tilmelding and Borgerbooking's TilmeldOgBook.
 *
 * The specifications have two versions of it (docs/tilmelding.md, "4749 or 4338"):
 * - 4749 "The enrollment date must be of todays date": UnemploymentEnrollment and REST v1
 *   Tilmelding, i.e. an enrollment identified by CPR only;
 * - 4338 "... todays date or a maximum of 10 days prior to todays date": the Jobnet CV variants
 *   (UnemploymentEnrollmentCv, UnemploymentEnrollmentAndBookCv) and REST v1 TilmeldOgBook.
 * Both are this one rule with a different window; callers pick the window.
 */
import { addDays } from './dage';

export interface TilmeldingsdatoVindue {
  /** How many days before today the date may lie (0: only today). */
  dageTilbage: number;
  /** The fejlkode a date outside the window gets. */
  fejlkode: 4749 | 4338;
}

/** REST v1 Tilmelding without a CV number (UnemploymentEnrollment): today only. */
export const KUN_I_DAG: TilmeldingsdatoVindue = { dageTilbage: 0, fejlkode: 4749 };
/** The CV variants and TilmeldOgBook: today or at most 10 days back. */
export const OP_TIL_TI_DAGE_TILBAGE: TilmeldingsdatoVindue = { dageTilbage: 10, fejlkode: 4338 };

/**
 * The fejlkode of an enrollment date outside the window, or null when it is inside. `dato` and
 * `idag` are Copenhagen calendar days (YYYY-MM-DD); a date in the future is always outside.
 */
export function tilmeldingsdatoFejl(dato: string, idag: string, vindue: TilmeldingsdatoVindue): 4749 | 4338 | null {
  if (dato > idag) return vindue.fejlkode;
  if (dato < addDays(idag, -vindue.dageTilbage)) return vindue.fejlkode;
  return null;
}
