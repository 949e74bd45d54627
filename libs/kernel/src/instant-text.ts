import { isLocalDate } from './local-date';

/**
 * An instant as the APIs accept it: ISO-8601 date and time with its zone, e.g. 2025-07-07T09:00:00+07:00.
 * A bare local time is refused, since it would depend on the server's zone.
 */
const INSTANT_TEXT =
  /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,6})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * The instant `text` names, or null unless every field exists: the day in its month, hour 0–23, minute and
 * second 0–59, a zone offset within ±14:00. `Date.parse` alone is no check: it gives NaN for 25:61 (which then
 * fails far from the input, as a 500) and reads many non-ISO texts ('1', 'May 5') as some instant.
 */
export const parseInstantText = (text: unknown): Date | null => {
  if (typeof text !== 'string') return null;
  const m = INSTANT_TEXT.exec(text);
  if (!m || !isLocalDate(m[1])) return null;
  const [hour, minute, second, offsetHours, offsetMinutes] = m.slice(2).map((f) => Number(f ?? 0));
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 14 || offsetMinutes > 59) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : new Date(ms);
};

/** True for a text `parseInstantText` reads as an instant. */
export const isInstantText = (text: unknown): text is string => parseInstantText(text) !== null;
