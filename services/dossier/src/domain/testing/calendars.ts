import type { CalendarOverrides } from '../calendar-overrides';
import type { DossierTimeContext } from '../dossier';
import { createWorkingCalendar, type WorkingCalendar } from '../working-calendar';
import { DEFAULT_WORKING_HOURS, type WorkingHours } from '../working-hours';

/** Tết 2026 for civil servants: Saturday 14 Feb – Sunday 22 Feb (27 tháng Chạp – mùng 6 Tết). */
export const TET_2026_CIVIL_SERVANTS: CalendarOverrides = {
  addDaysOff: ['2026-02-14', '2026-02-15', '2026-02-21', '2026-02-22'].map((date) => ({
    date,
    reason: 'Nghỉ Tết Nguyên đán Bính Ngọ của cán bộ, công chức (14/2–22/2/2026)',
  })),
  removeDaysOff: [],
  extraWorkingDays: [],
};

export const defaultCalendar = (): WorkingCalendar => createWorkingCalendar();

export const calendarWith = (overrides: Record<number, CalendarOverrides>): WorkingCalendar =>
  createWorkingCalendar({ overrides });

export const timeContext = (
  calendar: WorkingCalendar = defaultCalendar(),
  hours: WorkingHours = DEFAULT_WORKING_HOURS,
): DossierTimeContext => ({
  calendar,
  hours,
});
