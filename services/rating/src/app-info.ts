import { STATS_STALENESS_NOTE } from '@fg/platform';

export const RATING_APP = {
  title: 'Rating service',
  description:
    'Administrative unit registry, friendly-government scorecards (Chính quyền thân thiện), star levels and officer ratings.' +
    STATS_STALENESS_NOTE,
  // A province's whole unit list (up to 20,000 units) in one import; every other route keeps HTTP_BODY_LIMIT_KB.
  bodyLimits: [{ path: '/api/v1/units/import', limitKb: 10 * 1024 }],
};
export const RATING_DEFAULT_PORT = 3004;
