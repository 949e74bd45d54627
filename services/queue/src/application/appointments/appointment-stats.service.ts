import { Injectable } from '@nestjs/common';
import { addDays, type LocalDate, startOfLocalDay, toLocalDate } from '@fg/kernel';
import {
  appointmentFigures,
  type AppointmentFigures,
  forecastLoad,
} from '../../domain/appointments/appointment-stats';
import {
  type AppointmentGroupBy,
  AppointmentStatsRepository,
} from '../../persistence/appointments/appointment-stats.repository';
import { SetupRepository } from '../../persistence/setup.repository';
import { QueueClock } from '../queue-clock';

/** Weeks of the same weekday the forecast averages the walk-ins of. */
const FORECAST_WEEKS = 4;

@Injectable()
export class AppointmentStatsService {
  constructor(
    private readonly stats: AppointmentStatsRepository,
    private readonly setup: SetupRepository,
    private readonly clock: QueueClock,
  ) {}

  /** Figures of the bookings whose slot falls on local days from..to (inclusive), grouped. */
  async figures(
    unitCode: string,
    from: LocalDate,
    to: LocalDate,
    groupBy: AppointmentGroupBy,
  ): Promise<{ total: AppointmentFigures; groups: (AppointmentFigures & { key: string })[] }> {
    const rows = await this.stats.counts(
      unitCode,
      startOfLocalDay(from),
      startOfLocalDay(addDays(to, 1)),
      groupBy,
    );
    const sum = rows.reduce(
      (t, r) => ({
        bookings: t.bookings + r.bookings,
        cancelled: t.cancelled + r.cancelled,
        checkedIn: t.checkedIn + r.checkedIn,
        late: t.late + r.late,
        noShows: t.noShows + r.noShows,
        called: t.called + r.called,
        punctual: t.punctual + r.punctual,
      }),
      { bookings: 0, cancelled: 0, checkedIn: 0, late: 0, noShows: 0, called: 0, punctual: 0 },
    );
    return {
      total: appointmentFigures(sum),
      groups: rows.map((r) => ({ key: r.key, ...appointmentFigures(r) })),
    };
  }

  /** The load of each service on `date` (default tomorrow): bookings + the walk-ins of the same weekday. */
  async forecast(unitCode: string, date?: LocalDate) {
    const day = date ?? addDays(toLocalDate(this.clock.now()), 1);
    const weeks = Array.from({ length: FORECAST_WEEKS }, (_, i) => addDays(day, -7 * (i + 1)));
    const [booked, walkIns, services] = await Promise.all([
      this.stats.bookedOn(unitCode, startOfLocalDay(day), startOfLocalDay(addDays(day, 1))),
      this.stats.walkInsOn(unitCode, weeks),
      this.setup.listServices(unitCode),
    ]);
    // A week the office was closed (no ticket at all that day) is not a week of zero walk-ins.
    const openDays = new Set(walkIns.map((w) => w.day));
    return {
      unitCode,
      date: day,
      services: services.map((s) => {
        const perWeek = weeks
          .filter((d) => openDays.has(d))
          .map((d) => walkIns.find((w) => w.service === s.code && w.day === d)?.n ?? 0);
        return { serviceCode: s.code, ...forecastLoad(booked.get(s.code) ?? 0, perWeek) };
      }),
    };
  }
}
