import type { Applicant } from '../persistence/dossier.record';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Masks the applicant's own identifiers in free text that leaves the service (event reasons). Officers
 * write reasons like "thiếu CCCD của bà Nguyễn Thị Hương"; the name must not reach other services.
 */
export function redactPersonalData(text: string, applicant: Applicant): string {
  const secrets = [applicant.fullName, applicant.idNumber, applicant.phone, applicant.email]
    .filter((s): s is string => typeof s === 'string' && s.trim().length >= 3)
    .map((s) => s.trim().normalize('NFC'))
    .sort((a, b) => b.length - a.length);
  let out = text.normalize('NFC');
  for (const s of secrets) out = out.replace(new RegExp(escape(s), 'giu'), '***');
  return out;
}
