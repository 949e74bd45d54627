import { createPublicKey, createSecretKey, KeyObject } from 'node:crypto';
import {
  createRemoteJWKSet,
  decodeJwt,
  errors as joseErrors,
  JWTPayload,
  jwtVerify,
  JWTVerifyGetKey,
} from 'jose';
import type { PlatformConfig } from '../config/platform-config';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from './local-issuer';
import type { AuthUser } from './roles';
import { ClaimNames, DEFAULT_CLAIM_NAMES, userFromClaims } from './token-claims';

export { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from './local-issuer';

/** Signatures an identity provider's key set may use. Never `none` (jose refuses it anyway) nor HS*. */
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];

/** One issuer whose tokens are accepted, with the key(s) and audience they must match. */
export interface TrustedIssuer {
  issuer: string;
  audience: string;
  /** Allowed `alg` values: HS256 for a shared secret, only asymmetric ones for public keys. */
  algorithms: string[];
  key: KeyObject | JWTVerifyGetKey;
  claims: ClaimNames;
  /**
   * How long a verified token may be answered from the cache, in ms: as long as the key set is cached, so a
   * token signed with a key the issuer has withdrawn is refused once the key set is fetched again. Undefined:
   * until the token expires (a fixed local key cannot be withdrawn without a restart).
   */
  keyCacheMs?: number;
}

/** A verified caller and the instant (ms) until which the verification may be reused. */
export interface VerifiedCaller {
  user: AuthUser;
  reusableUntil: number;
}

/**
 * Verifies bearer tokens of the trusted issuers: signature with the issuer's key (an identity provider's keys
 * come from its discovery document's `jwks_uri`, cached and fetched again on an unknown `kid`, which is how key
 * rotation reaches the services), `iss` one of the trusted issuers, `aud` the issuer's audience, and `exp`,
 * `iss`, `aud`, `sub` present; `exp`/`nbf` with a small clock-skew tolerance. Any failure throws.
 */
export class TokenVerifier {
  private readonly byIssuer: Map<string, TrustedIssuer>;

  constructor(
    issuers: TrustedIssuer[],
    private readonly clockSkewSeconds = 30,
    private readonly now: () => number = Date.now,
  ) {
    this.byIssuer = new Map(issuers.map((i) => [i.issuer, i]));
  }

  get issuers(): string[] {
    return [...this.byIssuer.keys()];
  }

  async verify(token: string): Promise<VerifiedCaller> {
    // The issuer picks the key; the signature, made with that issuer's key, then vouches for every claim.
    const iss = decodeJwt(token).iss;
    const trusted = iss === undefined ? undefined : this.byIssuer.get(iss);
    if (!trusted) throw new Error('token from an untrusted issuer');
    const { payload } = await jwtVerify(token, trusted.key as JWTVerifyGetKey, {
      issuer: trusted.issuer,
      audience: trusted.audience,
      algorithms: trusted.algorithms,
      clockTolerance: this.clockSkewSeconds,
      requiredClaims: ['exp', 'iss', 'aud', 'sub'],
    });
    const user = userFromClaims(payload, trusted.claims);
    // Never beyond `exp` (the skew tolerance applies only to a fresh verification).
    const exp = (payload as JWTPayload & { exp: number }).exp * 1000;
    const reusableUntil =
      trusted.keyCacheMs === undefined ? exp : Math.min(exp, this.now() + trusted.keyCacheMs);
    return { user, reusableUntil };
  }

  /**
   * The issuers a service trusts: the identity provider of OIDC_ISSUER, and the local key (JWT_PUBLIC_KEY, else
   * JWT_SECRET) unless an identity provider is configured in production, where only its tokens are accepted.
   */
  static fromConfig(
    c: PlatformConfig,
    o: { env?: NodeJS.ProcessEnv; onKeySetError?: (err: Error) => void } = {},
  ): TokenVerifier {
    const env = o.env ?? process.env;
    const issuers: TrustedIssuer[] = [];
    if (c.OIDC_ISSUER) {
      issuers.push({
        issuer: c.OIDC_ISSUER,
        audience: c.OIDC_AUDIENCE!,
        algorithms: ASYMMETRIC_ALGORITHMS,
        key: discoveredKeySet(c.OIDC_ISSUER, {
          cacheMaxAge: c.OIDC_JWKS_CACHE_SECONDS * 1000,
          cooldownDuration: c.OIDC_JWKS_COOLDOWN_SECONDS * 1000,
          onError: o.onKeySetError,
        }),
        claims: { roles: c.OIDC_ROLES_CLAIM, units: c.OIDC_UNITS_CLAIM },
        keyCacheMs: c.OIDC_JWKS_CACHE_SECONDS * 1000,
      });
    }
    const local = c.JWT_PUBLIC_KEY ?? c.JWT_SECRET;
    if (local && (!c.OIDC_ISSUER || env.NODE_ENV !== 'production')) {
      issuers.push({
        issuer: LOCAL_TOKEN_ISSUER,
        audience: LOCAL_TOKEN_AUDIENCE,
        ...(c.JWT_PUBLIC_KEY
          ? {
              key: createPublicKey(c.JWT_PUBLIC_KEY.replace(/\\n/g, '\n')),
              algorithms: ASYMMETRIC_ALGORITHMS,
            }
          : { key: createSecretKey(Buffer.from(c.JWT_SECRET!)), algorithms: ['HS256'] }),
        claims: DEFAULT_CLAIM_NAMES,
      });
    }
    return new TokenVerifier(issuers, c.JWT_CLOCK_SKEW_SECONDS);
  }
}

/**
 * The key set of an OpenID provider, found through `${issuer}/.well-known/openid-configuration`. Discovery
 * happens at the first token, not at start-up, so a service starts while the provider is unreachable; a failed
 * discovery is retried at the next token (that token is refused: 401).
 */
export function discoveredKeySet(
  issuer: string,
  options: {
    cacheMaxAge: number;
    cooldownDuration: number;
    timeoutMs?: number;
    /** Told when the provider cannot be reached or answers nonsense (at most once a minute), not for unknown keys. */
    onError?: (err: Error) => void;
  },
): JWTVerifyGetKey {
  const { cacheMaxAge, cooldownDuration, timeoutMs = 5000, onError } = options;
  let keySet: Promise<JWTVerifyGetKey> | undefined;
  let reportedAt = -Infinity;
  const discover = async (): Promise<JWTVerifyGetKey> => {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (!res.ok) throw new Error(`OIDC discovery ${url}: HTTP ${res.status}`);
    const doc = (await res.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery 1.0 §4.3: the document must name the issuer it was fetched for.
    if (doc.issuer !== issuer) throw new Error(`OIDC discovery ${url} names issuer ${String(doc.issuer)}`);
    if (typeof doc.jwks_uri !== 'string') throw new Error(`OIDC discovery ${url} has no jwks_uri`);
    return createRemoteJWKSet(new URL(doc.jwks_uri), {
      cacheMaxAge,
      cooldownDuration,
      timeoutDuration: timeoutMs,
    });
  };
  return async (header, token) => {
    keySet ??= discover().catch((err: unknown) => {
      keySet = undefined;
      throw err;
    });
    try {
      return await (
        await keySet
      )(header, token);
    } catch (err) {
      // A token of a key the provider does not publish is the caller's fault (401); anything else means the
      // services cannot check anyone's token, which the operators must hear about.
      if (!(err instanceof joseErrors.JWKSNoMatchingKey) && onError && Date.now() - reportedAt >= 60_000) {
        reportedAt = Date.now();
        onError(err instanceof Error ? err : new Error(String(err)));
      }
      throw err;
    }
  };
}
