import type { Role } from '@fg/platform';

/** Roles that may read scorecards, rankings, schemes and ratings (admin always may). */
export const READERS: Role[] = ['viewer', 'officer', 'unit-admin', 'assessor'];
