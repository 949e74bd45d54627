import { type LocalDate, toLocalDate } from '@fg/kernel';
import { DossierRuleError, invalidInput } from './dossier.errors';

/*
 * Dossier code `{agency code}-{yyMMdd}-{NNNN}` (docs/domain.md §Dossiers), e.g. `000.00.20.H56-250701-0001`.
 * The date is the receipt's local (Vietnam) date and the counter restarts each local day per
 * agency, so the counter key is (agency code, local date). Reserving the number atomically is the
 * persistence layer's job; this file only names and formats it.
 */

export const MAX_DAILY_SEQUENCE = 9999;
const AGENCY_CODE = /^[A-Za-z0-9.-]{1,32}$/;

export interface DossierCounterKey {
  agencyCode: string;
  /** Local date of receipt, 'YYYY-MM-DD'. */
  day: LocalDate;
}

/** The per-agency daily counter a code number is drawn from. */
export const dossierCounterKey = (agencyCode: string, receivedAt: Date): DossierCounterKey => {
  if (!AGENCY_CODE.test(agencyCode ?? '')) {
    throw invalidInput(`Invalid agency code: ${agencyCode}`, 'Mã cơ quan không hợp lệ.', { agencyCode });
  }
  return { agencyCode, day: toLocalDate(receivedAt) };
};

export const formatDossierCode = (agencyCode: string, receivedAt: Date, seq: number): string => {
  const { day } = dossierCounterKey(agencyCode, receivedAt);
  if (!Number.isInteger(seq) || seq < 1) {
    throw invalidInput(`Sequence must be a positive integer: ${seq}`, 'Số thứ tự hồ sơ không hợp lệ.', {
      seq,
    });
  }
  if (seq > MAX_DAILY_SEQUENCE) {
    throw new DossierRuleError(
      'DOSSIER.CODE_SEQUENCE_EXHAUSTED',
      `Agency ${agencyCode} already numbered ${MAX_DAILY_SEQUENCE} dossiers on ${day}`,
      `Cơ quan ${agencyCode} đã hết số hồ sơ trong ngày ${day}.`,
      { agencyCode, day },
    );
  }
  const yyMMdd = day.slice(2, 4) + day.slice(5, 7) + day.slice(8, 10);
  return `${agencyCode}-${yyMMdd}-${String(seq).padStart(4, '0')}`;
};

export interface ParsedDossierCode {
  agencyCode: string;
  /** 'yyMMdd' as printed. */
  yyMMdd: string;
  seq: number;
}

/** Splits a code from the right (agency codes may contain dashes); null when it does not match. */
export const parseDossierCode = (code: string): ParsedDossierCode | null => {
  const m = /^([A-Za-z0-9.-]{1,32})-(\d{6})-(\d{4})$/.exec(code ?? '');
  return m ? { agencyCode: m[1], yyMMdd: m[2], seq: Number(m[3]) } : null;
};
