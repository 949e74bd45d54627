import { importJWK, SignJWT } from 'jose';
import type { PlatformConfig } from '../../libs/platform/src/config/platform-config';
import { TokenVerifier } from '../../libs/platform/src/auth/token-verifier';
import { OidcTestProvider, rsaSigningKey } from '../support/oidc-test-provider';

/**
 * How a service finds an OpenID provider's keys (issue #16 row 12), against a real provider: discovery happens at
 * the first token and is retried after a failure, a discovery document naming another issuer is refused, and the
 * operators hear about an unreachable provider but not about tokens of unknown keys.
 */
describe('OIDC discovery', () => {
  const key = rsaSigningKey('k1');
  let idp: OidcTestProvider;
  beforeAll(async () => {
    idp = await OidcTestProvider.start([key], []);
  });
  afterAll(() => idp?.stop());

  const verifierFor = (issuer: string, onKeySetError: (e: Error) => void) =>
    TokenVerifier.fromConfig(
      {
        OIDC_ISSUER: issuer,
        OIDC_AUDIENCE: OidcTestProvider.AUDIENCE,
        OIDC_ROLES_CLAIM: 'roles',
        OIDC_UNITS_CLAIM: 'units',
        OIDC_JWKS_CACHE_SECONDS: 600,
        OIDC_JWKS_COOLDOWN_SECONDS: 0,
        JWT_CLOCK_SKEW_SECONDS: 30,
      } as PlatformConfig,
      { env: { NODE_ENV: 'production' }, onKeySetError },
    );
  const sign = async (k: typeof key, iss: string) =>
    new SignJWT({ sub: 'u-1', roles: ['viewer'], units: ['07210'] })
      .setProtectedHeader({ alg: 'RS256', kid: k.kid })
      .setIssuer(iss)
      .setAudience(OidcTestProvider.AUDIENCE)
      .setExpirationTime('5m')
      .sign(await importJWK(k as never, 'RS256'));

  it('retries discovery after the provider was unreachable, and reports the outage once', async () => {
    const errors: Error[] = [];
    const verifier = verifierFor(idp.issuer, (e) => errors.push(e));
    const token = await sign(key, idp.issuer);
    await idp.stop();
    await expect(verifier.verify(token)).rejects.toThrow();
    await expect(verifier.verify(token)).rejects.toThrow();
    expect(errors).toHaveLength(1); // at most once a minute
    await idp.restart([key]);
    await expect(verifier.verify(token)).resolves.toMatchObject({ user: { sub: 'u-1', roles: ['viewer'] } });
  });

  it('refuses a discovery document that names another issuer', async () => {
    const errors: Error[] = [];
    const slashed = `${idp.issuer}/`; // not the provider's issuer string, though the same server
    const verifier = verifierFor(slashed, (e) => errors.push(e));
    await expect(verifier.verify(await sign(key, slashed))).rejects.toThrow(/names issuer/);
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/names issuer http:\/\/127\.0\.0\.1/),
    ]);
  });

  it('does not report tokens of keys the provider does not publish', async () => {
    const errors: Error[] = [];
    const verifier = verifierFor(idp.issuer, (e) => errors.push(e));
    await expect(verifier.verify(await sign(key, idp.issuer))).resolves.toBeDefined();
    await expect(verifier.verify(await sign(rsaSigningKey('k2'), idp.issuer))).rejects.toThrow();
    expect(errors).toEqual([]);
  });
});
