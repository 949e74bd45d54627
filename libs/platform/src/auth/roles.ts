export const ROLES = ['admin', 'unit-admin', 'officer', 'assessor', 'viewer', 'portal', 'kiosk'] as const;
export type Role = (typeof ROLES)[number];

/** The caller, from the bearer token's claims. */
export interface AuthUser {
  sub: string;
  roles: Role[];
  /** Unit codes the caller may act for; a unit covers its descendants; '*' covers all. */
  units: string[];
  name?: string;
}
