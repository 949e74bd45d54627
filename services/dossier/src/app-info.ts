export const DOSSIER_APP = {
  title: 'Dossier service',
  description:
    'Administrative-procedure dossiers (hồ sơ TTHC): public procedure catalog, Vietnamese working-day calendar, intake, due dates, ' +
    'transitions, timeliness, overdue alerts, apology letters (PDF), citizen look-up and timeliness dashboards.',
};
export const DOSSIER_DEFAULT_PORT = 3002;
