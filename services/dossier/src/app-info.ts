export const DOSSIER_APP = {
  title: 'Dossier service',
  description: 'Administrative-procedure dossiers (hồ sơ TTHC): intake, working-day deadlines, transitions, timeliness, overdue alerts and apology letters.',
};
export const DOSSIER_DEFAULT_PORT = 3002;
