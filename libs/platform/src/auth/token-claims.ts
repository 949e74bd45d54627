import { ACTOR_ID_PATTERN } from '@fg/contracts';
import { AuthUser, Role, ROLES } from './roles';

/** Where a token carries the caller's roles and units (OIDC_ROLES_CLAIM, OIDC_UNITS_CLAIM). */
export interface ClaimNames {
  roles: string;
  units: string;
}

/** The claims the local tokens (dev-token, tests, simulator) carry, and the defaults for an identity provider. */
export const DEFAULT_CLAIM_NAMES: ClaimNames = { roles: 'roles', units: 'units' };

/**
 * A claim by name: the top-level claim of exactly that name when there is one (namespaced claims such as
 * `https://dichvucong.gov.vn/units` contain dots), else a dotted path into nested objects, as Keycloak puts
 * realm roles under `realm_access.roles`.
 */
export function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (Object.prototype.hasOwnProperty.call(claims, name)) return claims[name];
  let at: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    if (!Object.prototype.hasOwnProperty.call(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}

/** A list claim: a JSON array of strings, or one string of space- or comma-separated values (OAuth `scope` style). */
function stringsOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v.length > 0);
  return [];
}

/**
 * The caller a verified token names. Roles this system does not know are ignored (an identity provider
 * carries roles of other applications too); a token without any known role is still a caller, who may use
 * only the routes that need no role. Throws when the subject is missing or not an id.
 */
export function userFromClaims(
  claims: Record<string, unknown>,
  names: ClaimNames = DEFAULT_CLAIM_NAMES,
): AuthUser {
  const roles = [...new Set(stringsOf(claimAt(claims, names.roles)))].filter((r): r is Role =>
    ROLES.includes(r as Role),
  );
  const units = [...new Set(stringsOf(claimAt(claims, names.units)))];
  if (typeof claims.sub !== 'string' || !claims.sub) throw new Error('token without sub');
  // The subject is the actor id every event and audit entry carries (issue #16 row 5): a single token such
  // as a UUID, never an e-mail address or a name. Refused here (401), not as a 500 when the event is built.
  if (!ACTOR_ID_PATTERN.test(claims.sub)) throw new Error('token subject is not an id');
  return { sub: claims.sub, roles, units, name: typeof claims.name === 'string' ? claims.name : undefined };
}
