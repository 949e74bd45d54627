import type { AuthUser } from './roles';

interface Entry {
  user: AuthUser;
  /** `exp` claim in seconds since the epoch; Infinity for a token without one. */
  exp: number;
}

/**
 * The callers of bearer tokens that passed full verification, keyed by the whole token string, so that each
 * distinct token is verified (HMAC or signature, claims) once rather than on every request.
 *
 * Only what `jwt.verify` accepted is ever stored, and a stored token stays acceptable exactly as long as
 * verification would accept it again: the key is the token itself (any changed byte misses the cache and is
 * verified), the verification key and options are fixed for the process, `nbf` was already reached when it was
 * verified, and `exp` is checked on every hit with jsonwebtoken's own rule (expired once the current second,
 * `floor(now / 1000)`, reaches `exp`; no clock tolerance is configured). Bounded: least recently used first out.
 */
export class VerifiedTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The caller of a token verified before and not expired since, as a fresh copy; else undefined. */
  get(token: string): AuthUser | undefined {
    const hit = this.entries.get(token);
    if (!hit) return undefined;
    if (Math.floor(this.now() / 1000) >= hit.exp) {
      this.entries.delete(token);
      return undefined;
    }
    // Most recently used goes last (a Map iterates in insertion order).
    this.entries.delete(token);
    this.entries.set(token, hit);
    return copy(hit.user);
  }

  /** Remembers a token that `jwt.verify` has just accepted with these claims, and the caller made of them. */
  remember(token: string, claims: { exp?: unknown }, user: AuthUser): void {
    const exp = claims.exp === undefined ? Infinity : typeof claims.exp === 'number' ? claims.exp : NaN;
    if (Number.isNaN(exp)) return; // verify rejects these anyway
    this.entries.delete(token);
    this.entries.set(token, { user: copy(user), exp });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Each request gets its own caller object: nothing a handler does to it reaches the cache or other requests. */
function copy(u: AuthUser): AuthUser {
  return { sub: u.sub, roles: [...u.roles], units: [...u.units], name: u.name };
}
