import type { AuthUser } from './roles';

interface Entry {
  user: AuthUser;
  /** Instant (ms since the epoch) from which the token must be verified again. */
  until: number;
}

/**
 * The callers of bearer tokens that passed full verification, keyed by the whole token string, so that each
 * distinct token is verified (HMAC or signature, claims) once rather than on every request.
 *
 * Only what `TokenVerifier` accepted is ever stored, and a stored token stays acceptable no longer than
 * verification would accept it again: the key is the token itself (any changed byte misses the cache and is
 * verified), `nbf` was already reached when it was verified, and the verifier's `reusableUntil` is checked on every
 * hit: never beyond `exp` (the clock-skew tolerance is granted only by a fresh verification) and, for an identity
 * provider, not beyond its key set's cache time, so a token of a withdrawn key is refused once the keys are
 * fetched again. Bounded: least recently used first out.
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
    if (this.now() >= hit.until) {
      this.entries.delete(token);
      return undefined;
    }
    // Most recently used goes last (a Map iterates in insertion order).
    this.entries.delete(token);
    this.entries.set(token, hit);
    return copy(hit.user);
  }

  /** Remembers the caller of a token the verifier has just accepted, until `until` (ms since the epoch). */
  remember(token: string, user: AuthUser, until: number): void {
    if (!(until > this.now())) return;
    this.entries.delete(token);
    this.entries.set(token, { user: copy(user), until });
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
