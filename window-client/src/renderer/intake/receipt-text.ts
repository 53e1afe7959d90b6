import { maskIdNumber, maskName } from '../devices';
import type { Applicant } from './intake-flow';

/** The applicant as screens and paper show them: masked (one known by a 预审号 arrives masked by the server). */
export function maskedApplicant(a: Applicant): { name: string; id: string } {
  return a.source === 'pretrial'
    ? { name: a.nameMasked, id: a.idMasked }
    : { name: maskName(a.name), id: maskIdNumber(a.idNumber) };
}
