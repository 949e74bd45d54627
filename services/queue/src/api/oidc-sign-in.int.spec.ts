import { importJWK, SignJWT } from 'jose';
import { OidcTestProvider, rsaSigningKey } from '../../../../test/support/oidc-test-provider';
import { QueueKit, startQueue, UNIT } from '../testing/queue-test-kit';

/**
 * Sign-in through a real OpenID Connect provider (issue #16 row 12): the queue service finds the provider's keys
 * through its discovery document and JWKS, maps the provider's role and unit claims, follows a key rotation
 * while it runs, and refuses tokens without exp, for another audience, from another issuer, or expired.
 */
describe('sign-in with an OpenID Connect provider', () => {
  const OTHER = '07299';
  const keyA = rsaSigningKey('key-a');
  const keyB = rsaSigningKey('key-b');
  const clients = [
    {
      id: 'officer-app',
      secret: 'officer-secret-0123456789abcdef',
      roles: ['viewer', 'other-app-role'],
      units: [UNIT],
    },
  ];
  const JWKS_CACHE_SECONDS = 2;
  let idp: OidcTestProvider;
  let kit: QueueKit;

  beforeAll(async () => {
    idp = await OidcTestProvider.start([keyA], clients);
    Object.assign(process.env, {
      OIDC_ISSUER: idp.issuer,
      OIDC_AUDIENCE: OidcTestProvider.AUDIENCE,
      OIDC_UNITS_CLAIM: 'fg_units',
      OIDC_JWKS_CACHE_SECONDS: String(JWKS_CACHE_SECONDS),
      // a token with a new kid fetches the key set at once (the default waits 30 s between such fetches)
      OIDC_JWKS_COOLDOWN_SECONDS: '0',
    });
    kit = await startQueue('queue_oidc', [UNIT, OTHER]);
  });
  afterAll(async () => {
    for (const k of [
      'OIDC_ISSUER',
      'OIDC_AUDIENCE',
      'OIDC_UNITS_CLAIM',
      'OIDC_JWKS_CACHE_SECONDS',
      'OIDC_JWKS_COOLDOWN_SECONDS',
    ])
      delete process.env[k];
    await kit?.close();
    await idp?.stop();
  });

  const services = (unit: string, token: string) =>
    kit.http().get(`/api/v1/units/${unit}/services`).set('Authorization', `Bearer ${token}`);
  /** A token signed with a provider key, with the claims given (the provider itself always sets exp, iss, aud). */
  const forge = async (key: typeof keyA, claims: Record<string, unknown>) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid: key.kid })
      .sign(await importJWK(key as never, 'RS256'));
  const now = () => Math.floor(Date.now() / 1000);
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const valid = () => ({
    sub: 'officer-app',
    roles: ['viewer'],
    fg_units: [UNIT],
    iss: idp.issuer,
    aud: OidcTestProvider.AUDIENCE,
    exp: now() + 300,
  });

  it("accepts the provider's token and maps its roles and units", async () => {
    const token = await idp.token('officer-app');
    await services(UNIT, token).expect(200);
    const out = await services(OTHER, token).expect(403);
    expect(out.body.code).toBe('AUTH.UNIT_OUT_OF_SCOPE');
    const put = await kit
      .http()
      .put(`/api/v1/units/${UNIT}/services/HT`)
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Hộ tịch', prefix: 'A' })
      .expect(403); // a viewer
    expect(put.body.code).toBe('AUTH.ROLE_REQUIRED');
    await services(UNIT, await forge(keyA, valid())).expect(200); // the spec's forgeries are sound
  });

  it('refuses tokens without exp, for another audience, from another issuer, expired, of an unknown key, HS256 or unsigned', async () => {
    const { exp: _exp, ...noExp } = valid();
    for (const token of [
      await forge(keyA, noExp),
      await forge(keyA, { ...valid(), aud: 'another-app' }),
      await forge(keyA, { ...valid(), iss: 'http://127.0.0.1:1' }),
      await forge(keyA, { ...valid(), exp: now() - 120 }), // beyond the 30 s clock-skew tolerance
      await forge(rsaSigningKey('key-a'), valid()), // a known kid, another key
      await forge(rsaSigningKey('key-x'), valid()),
      // HS256 keyed with the provider's public modulus, and an unsigned token: the provider's tokens are asymmetric
      await new SignJWT(valid())
        .setProtectedHeader({ alg: 'HS256', kid: keyA.kid })
        .sign(Buffer.from(keyA.n!, 'base64url')),
      `${b64({ alg: 'none', kid: keyA.kid })}.${b64(valid())}.`,
    ]) {
      const res = await services(UNIT, token).expect(401);
      expect(res.body.code).toBe('AUTH.INVALID_TOKEN');
    }
  });

  it('follows a key rotation while the service runs', async () => {
    const oldToken = await idp.token('officer-app');
    await services(UNIT, oldToken).expect(200);

    // The provider publishes key B and signs with it; key A stays published for tokens already out.
    await idp.restart([keyB, keyA]);
    const newToken = await idp.token('officer-app');
    expect(JSON.parse(Buffer.from(newToken.split('.')[0], 'base64url').toString()).kid).toBe('key-b');
    await services(UNIT, newToken).expect(200); // unknown kid: the key set is fetched again
    await services(UNIT, await forge(keyA, valid())).expect(200);

    // Key A withdrawn: once the cached key set is due (OIDC_JWKS_CACHE_SECONDS), tokens of key A are refused,
    // also one that was verified (and cached) before.
    await idp.restart([keyB]);
    await new Promise((r) => setTimeout(r, (JWKS_CACHE_SECONDS + 0.5) * 1000));
    expect((await services(UNIT, oldToken).expect(401)).body.code).toBe('AUTH.INVALID_TOKEN');
    await services(UNIT, await forge(keyA, valid())).expect(401);
    await services(UNIT, newToken).expect(200);
    await services(UNIT, await idp.token('officer-app')).expect(200);
  });
});
