import { addDays, daysBetween, type LocalDate, weekdayOf } from '@fg/kernel';
import { CalendarRuleError } from '../calendar.errors';
import {
  assertCalendarYear,
  DEFAULT_HOLIDAY_RULES,
  HOLIDAY_OCCASIONS,
  type HolidayOccasion,
  type HolidayRules,
  occasionDates,
} from '../vietnam-holidays';
import { assertLocalDate } from '../calendar-input';

/*
 * The Government's yearly decision on the days off of civil servants (công chức, viên chức): for each
 * holiday it decides, the whole run of days off (weekends included: a unit that opens on Saturdays
 * loses a Saturday that lies inside it) and the weekly rest days worked instead of a swapped weekday.
 * Labour Code 2019 Art. 112 gives the holidays; the Prime Minister decides each year which days
 * (conveyed by a letter of the Office of the Government) and the ministry in charge of labour
 * (Bộ LĐTBXH until February 2025, Bộ Nội vụ since) announces it. A year without a decision keeps
 * the computed defaults (vietnam-holidays.ts).
 */

export interface LegalSource {
  /** Number and symbol as printed, e.g. '12729/VPCP-KGVX'. */
  document: string;
  /** Date printed on the document. */
  issuedOn: LocalDate;
  /** Vietnamese, e.g. 'Văn phòng Chính phủ (ý kiến của Phó Thủ tướng Chính phủ)'. */
  issuer: string;
  /** Where the decision was read. */
  url: string;
  /** DOCUMENT: read from the document itself; REPORT: from a report that quotes it (see `note`). */
  readFrom: 'DOCUMENT' | 'REPORT';
  /** What could not be confirmed, related documents. */
  note?: string;
}

export interface OfficialScheduleEntry {
  /** The holidays this entry decides; their computed days off and make-up days are replaced by it. */
  occasions: readonly HolidayOccasion[];
  /** Vietnamese, shown with every day of the entry, e.g. 'Nghỉ Tết Nguyên đán Bính Ngọ'. */
  reason: string;
  /** First and last day off, inclusive. */
  daysOff: { from: LocalDate; to: LocalDate };
  /** Weekly rest days worked instead of a weekday inside `daysOff` (làm bù), each with its reason. */
  workingDays: readonly { date: LocalDate; reason: string }[];
  source: LegalSource;
}

export interface OfficialSchedule {
  year: number;
  entries: readonly OfficialScheduleEntry[];
}

const MAX_TEXT = 200;
/** The longest run so far is Tết's 9 days; a longer one is a typo. */
const MAX_RUN_DAYS = 16;

const reject = (entry: number, rule: string, message: string, details: Record<string, unknown> = {}) =>
  new CalendarRuleError('CALENDAR.INVALID_OFFICIAL_SCHEDULE', `entries[${entry}]: ${message}`, {
    entry,
    rule,
    ...details,
  });

const text = (value: unknown, max = MAX_TEXT): string | null => {
  const t = typeof value === 'string' ? value.trim() : '';
  return t && t.length <= max ? t : null;
};

const checkedDate = (year: number, date: unknown, entry: number, field: string): LocalDate => {
  if (typeof date !== 'string') throw reject(entry, 'DATE', `${field} is not a date`, { field });
  assertLocalDate(date);
  if (!date.startsWith(`${year}-`))
    throw reject(entry, 'DATE_OUTSIDE_YEAR', `${field} ${date} is not in ${year}`, { field, date });
  return date;
};

const checkedSource = (source: LegalSource | undefined, entry: number): LegalSource => {
  const document = text(source?.document);
  const issuer = text(source?.issuer);
  const url = text(source?.url, 1000);
  if (!source || !document || !issuer || !url || !/^https?:\/\/\S+$/.test(url))
    throw reject(
      entry,
      'SOURCE_REQUIRED',
      'needs a source: document number, issuer and the http(s) URL read',
    );
  if (typeof source.issuedOn !== 'string')
    throw reject(entry, 'SOURCE_REQUIRED', 'needs the date of its source document');
  assertLocalDate(source.issuedOn);
  if (source.readFrom !== 'DOCUMENT' && source.readFrom !== 'REPORT')
    throw reject(entry, 'SOURCE_REQUIRED', "source.readFrom must be 'DOCUMENT' or 'REPORT'");
  const note = source.note === undefined ? undefined : text(source.note, 1000);
  if (note === null) throw reject(entry, 'SOURCE_REQUIRED', 'source.note must be 1–1000 characters');
  return {
    document,
    issuedOn: source.issuedOn,
    issuer,
    url,
    readFrom: source.readFrom,
    ...(note && { note }),
  };
};

/** Every date from `from` to `to`, inclusive. */
export const datesOf = ({ from, to }: { from: LocalDate; to: LocalDate }): LocalDate[] =>
  Array.from({ length: daysBetween(from, to) + 1 }, (_, i) => addDays(from, i));

/**
 * Checks a year's official schedule and returns it normalised (trimmed texts, entries and working days
 * sorted by date). Throws `CALENDAR.INVALID_OFFICIAL_SCHEDULE` naming the entry and the rule: an entry
 * without a source; dates outside the year; a run that does not contain its holiday's fixed date;
 * an occasion decided twice; overlapping runs; a make-up day that is not a weekly rest day, lies
 * inside a run of days off, or outnumbers the weekdays it could pay back.
 */
export const validateOfficialSchedule = (
  input: OfficialSchedule,
  rules: HolidayRules = DEFAULT_HOLIDAY_RULES,
): OfficialSchedule => {
  const year = input?.year;
  assertCalendarYear(year);
  if (!Array.isArray(input.entries) || input.entries.length === 0)
    throw new CalendarRuleError('CALENDAR.INVALID_OFFICIAL_SCHEDULE', `The ${year} schedule has no entries`, {
      rule: 'ENTRIES_REQUIRED',
    });
  const isRest = (d: LocalDate) => rules.weeklyRestDays.includes(weekdayOf(d));

  const given: readonly OfficialScheduleEntry[] = input.entries;
  const entries = given.map((e, i): OfficialScheduleEntry => {
    const source = checkedSource(e?.source, i);
    const reason = text(e.reason);
    if (!reason) throw reject(i, 'REASON_REQUIRED', `needs a reason of 1–${MAX_TEXT} characters`);
    const occasions = [...new Set(e.occasions ?? [])];
    if (occasions.length === 0 || occasions.some((o) => !HOLIDAY_OCCASIONS.includes(o)))
      throw reject(i, 'OCCASION', `occasions must be some of ${HOLIDAY_OCCASIONS.join(', ')}`);
    const from = checkedDate(year, e.daysOff?.from, i, 'daysOff.from');
    const to = checkedDate(year, e.daysOff?.to, i, 'daysOff.to');
    if (from > to || daysBetween(from, to) >= MAX_RUN_DAYS)
      throw reject(i, 'RUN', `daysOff must run forwards for at most ${MAX_RUN_DAYS} days: ${from}–${to}`);
    for (const o of occasions)
      for (const fixed of occasionDates(year, o))
        if (fixed < from || fixed > to)
          throw reject(i, 'OCCASION_NOT_COVERED', `${o} falls on ${fixed}, outside ${from}–${to}`, {
            occasion: o,
            date: fixed,
          });
    const workingDays = (e.workingDays ?? []).map((w) => {
      const date = checkedDate(year, w?.date, i, 'workingDays.date');
      const why = text(w.reason);
      if (!why) throw reject(i, 'REASON_REQUIRED', `working day ${date} needs a reason`, { date });
      if (!isRest(date))
        throw reject(i, 'WORKING_DAY_NOT_REST_DAY', `working day ${date} is not a weekly rest day`, { date });
      return { date, reason: why };
    });
    const swappable = datesOf({ from, to }).filter((d) => !isRest(d)).length;
    if (workingDays.length > swappable)
      throw reject(i, 'UNBALANCED_SWAP', `${workingDays.length} make-up days for ${swappable} weekdays off`);
    workingDays.sort((a, b) => a.date.localeCompare(b.date));
    return { occasions, reason, daysOff: { from, to }, workingDays, source };
  });

  const order = entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.daysOff.from.localeCompare(b.e.daysOff.from));
  const decided = new Map<HolidayOccasion, number>();
  const workingDates = new Map<LocalDate, number>();
  order.forEach(({ e, i }, k) => {
    for (const o of e.occasions) {
      const other = decided.get(o);
      if (other !== undefined)
        throw reject(i, 'OCCASION_TWICE', `${o} is already decided by entries[${other}]`, {
          occasion: o,
          other,
        });
      decided.set(o, i);
    }
    const prev = order[k - 1];
    if (prev && e.daysOff.from <= prev.e.daysOff.to)
      throw reject(
        i,
        'OVERLAP',
        `days off overlap entries[${prev.i}] (${prev.e.daysOff.from}–${prev.e.daysOff.to})`,
        {
          other: prev.i,
        },
      );
    for (const w of e.workingDays) {
      const other = workingDates.get(w.date);
      if (other !== undefined)
        throw reject(i, 'WORKING_DAY_TWICE', `working day ${w.date} is already in entries[${other}]`, {
          date: w.date,
          other,
        });
      workingDates.set(w.date, i);
    }
  });
  for (const [date, i] of workingDates) {
    const inside = entries.findIndex((e) => date >= e.daysOff.from && date <= e.daysOff.to);
    if (inside >= 0)
      throw reject(i, 'CONTRADICTION', `working day ${date} lies inside the days off of entries[${inside}]`, {
        date,
        other: inside,
      });
  }
  return { year, entries: order.map(({ e }) => e) };
};

/** 'official: <documents>' when the year has a decision, else 'statutory only' (Labour Code defaults). */
export const scheduleBasis = (schedule: OfficialSchedule | undefined): string =>
  schedule && schedule.entries.length > 0
    ? `official: ${[...new Set(schedule.entries.map((e) => `${e.source.document} (${e.source.issuer}, ${e.source.issuedOn})`))].join('; ')}`
    : 'statutory only';
