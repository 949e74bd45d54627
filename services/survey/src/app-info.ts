import { STATS_STALENESS_NOTE } from '@fg/platform';

export const SURVEY_APP = {
  title: 'Survey service',
  description:
    'Versioned questionnaires (SIPAS), invitations after service, counter-tablet star ratings and satisfaction statistics.' +
    STATS_STALENESS_NOTE,
};
export const SURVEY_DEFAULT_PORT = 3003;
