import { OFFICIAL_SCHEDULE_2025 } from './2025';
import { OFFICIAL_SCHEDULE_2026 } from './2026';
import { type OfficialSchedule, validateOfficialSchedule } from './official-schedule';

export * from './official-schedule';

/**
 * The schedules shipped with the service, by year: the base layer of the calendar above the Labour
 * Code defaults. Validated when the service loads this module, so a bad entry stops the start instead
 * of shifting due dates. A decision for a later year is loaded at run time (stored), not added here.
 */
export const SHIPPED_OFFICIAL_SCHEDULES: Readonly<Record<number, OfficialSchedule>> = Object.fromEntries(
  [OFFICIAL_SCHEDULE_2025, OFFICIAL_SCHEDULE_2026].map((s) => [s.year, validateOfficialSchedule(s)]),
);
