import { addDays, firstDayOfNextMonth, formatMonth, type LocalDate } from '@fg/kernel';

/** The kinds of period a leader reads a dashboard for. */
export type ReportPeriodKind = 'month' | 'quarter' | 'year';

/**
 * A month (`2026-11`), a quarter (`2026-Q4`) or a year (`2026`) in Vietnam time, as the dashboard and the
 * monthly report take it. `to` is the period's last day, or today for the period still running (the
 * statistics of the other services would otherwise count days that have not come yet); `months` lists the
 * calendar months it covers, `yearFrom` is the 1 January of its year (the start of the trend charts and of
 * the scoring year).
 */
export interface ReportPeriod {
  period: string;
  kind: ReportPeriodKind;
  year: number;
  from: LocalDate;
  to: LocalDate;
  /** The period's last calendar day (not clamped to today). */
  end: LocalDate;
  months: string[];
  yearFrom: LocalDate;
  /** True while the period runs (today falls in it). */
  current: boolean;
}

/** The earliest year a period may be in (the scoring years' floor). */
export const FIRST_REPORT_YEAR = 2000;

export type ReportPeriodResult = { ok: true; value: ReportPeriod } | { ok: false; message: string };

const PATTERN = /^(\d{4})(?:-(?:(0[1-9]|1[0-2])|Q([1-4])))?$/;

const lastDayOfMonth = (year: number, month: number): LocalDate =>
  addDays(firstDayOfNextMonth(`${formatMonth({ year, month })}-01`), -1);

/**
 * Parses a period against today's local date. Refused, with a message naming the parameter (`name`, default
 * `period`): a malformed text or a kind not offered (`kinds`), a year before 2000, and a period beginning after
 * today (no figure exists for it yet: beyond the allowed span).
 */
export function parseReportPeriod(
  text: string,
  today: LocalDate,
  {
    name = 'period',
    kinds = ['month', 'quarter', 'year'],
  }: { name?: string; kinds?: ReportPeriodKind[] } = {},
): ReportPeriodResult {
  const m = PATTERN.exec(text);
  const kindOf = (x: RegExpExecArray): ReportPeriodKind => (x[2] ? 'month' : x[3] ? 'quarter' : 'year');
  if (!m || !kinds.includes(kindOf(m))) {
    const forms = { month: 'a month YYYY-MM', quarter: 'a quarter YYYY-Qn', year: 'a year YYYY' };
    const list = kinds.map((k) => forms[k]);
    const expected =
      list.length > 1 ? `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}` : list[0];
    return { ok: false, message: `${name} "${text.slice(0, 40)}" must be ${expected}` };
  }
  const year = Number(m[1]);
  const kind = kindOf(m);
  const firstMonth = m[2] ? Number(m[2]) : m[3] ? (Number(m[3]) - 1) * 3 + 1 : 1;
  const lastMonth = kind === 'month' ? firstMonth : kind === 'quarter' ? firstMonth + 2 : 12;
  const from = `${formatMonth({ year, month: firstMonth })}-01`;
  const end = lastDayOfMonth(year, lastMonth);
  const span = `from ${FIRST_REPORT_YEAR} to the current ${kind} (today is ${today})`;
  if (year < FIRST_REPORT_YEAR || from > today) {
    return { ok: false, message: `${name} ${text} is beyond the allowed span: ${span}` };
  }
  const months: string[] = [];
  for (let mo = firstMonth; mo <= lastMonth; mo++) months.push(formatMonth({ year, month: mo }));
  return {
    ok: true,
    value: {
      period: text,
      kind,
      year,
      from,
      to: end < today ? end : today,
      end,
      months,
      yearFrom: `${year}-01-01`,
      current: end >= today,
    },
  };
}

/** The month today is in, `YYYY-MM`: the dashboard's default period. */
export const currentMonthPeriod = (today: LocalDate): string => today.slice(0, 7);
