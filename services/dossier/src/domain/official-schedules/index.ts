import { OFFICIAL_SCHEDULE_2025 } from './2025';
import { OFFICIAL_SCHEDULE_2026 } from './2026';
import type { OfficialSchedule } from './official-schedule';

export * from './official-schedule';

/**
 * The schedules shipped with the service, by year: the base layer of the calendar above the Labour
 * Code defaults. A decision for a later year is loaded at run time (stored), not added here.
 */
export const SHIPPED_OFFICIAL_SCHEDULES: Readonly<Record<number, OfficialSchedule>> = {
  2025: OFFICIAL_SCHEDULE_2025,
  2026: OFFICIAL_SCHEDULE_2026,
};
