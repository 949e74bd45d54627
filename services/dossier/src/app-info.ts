import { STATS_STALENESS_NOTE } from '@fg/platform';

export const DOSSIER_APP = {
  title: 'Dossier service',
  description:
    'Administrative-procedure dossiers (hồ sơ TTHC): public procedure catalog, Vietnamese working-day calendar, intake, due dates, ' +
    'transitions, timeliness, overdue alerts, apology letters (PDF), citizen look-up and timeliness dashboards.' +
    STATS_STALENESS_NOTE,
};
export const DOSSIER_DEFAULT_PORT = 3002;
