import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig, PlatformConfig } from '../config/platform-config';
import { DomainError } from '../http/domain-error';
import { JwtAuthGuard } from './jwt-auth.guard';
import { IS_PUBLIC } from './public.decorator';
import { REQUIRED_ROLES } from './roles.decorator';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, TokenVerifier } from './token-verifier';
import { VerifiedTokens } from './verified-tokens';

const SECRET = 'unit-secret-0123456789abcdef';
const config = (c: Partial<PlatformConfig>) =>
  ({
    OIDC_JWKS_CACHE_SECONDS: 600,
    OIDC_JWKS_COOLDOWN_SECONDS: 30,
    JWT_CLOCK_SKEW_SECONDS: 0,
    ...c,
  }) as PlatformConfig;
// as PlatformModule builds it from JWT_SECRET (the local issuer, HS256 only); no clock skew, so instants are exact
const verifier = TokenVerifier.fromConfig(config({ JWT_SECRET: SECRET }));
const local = { issuer: LOCAL_TOKEN_ISSUER, audience: LOCAL_TOKEN_AUDIENCE };
const sign = (claims: object, expiresIn: number | string = '1h', secret = SECRET) =>
  new JwtService({ secret }).sign(claims, { expiresIn: expiresIn as never, ...local });
const signRaw = (claims: object, secret = SECRET) => new JwtService({ secret }).sign(claims);

class Controller {
  officersOnly() {}
  anyone() {}
  open() {}
}
SetMetadata(REQUIRED_ROLES, ['officer'])(
  Controller.prototype,
  'officersOnly',
  Object.getOwnPropertyDescriptor(Controller.prototype, 'officersOnly')!,
);
SetMetadata(IS_PUBLIC, true)(
  Controller.prototype,
  'open',
  Object.getOwnPropertyDescriptor(Controller.prototype, 'open')!,
);

function ctx(handler: keyof Controller, authorization?: string) {
  const req: { headers: Record<string, string>; user?: unknown } = {
    headers: authorization === undefined ? {} : { authorization },
  };
  const context = {
    getType: () => 'http',
    switchToHttp: () => ({ getRequest: () => req }),
    // The handler only carries the route's metadata here; it is never called.
    // eslint-disable-next-line @typescript-eslint/unbound-method
    getHandler: () => Controller.prototype[handler],
    getClass: () => Controller,
  } as unknown as ExecutionContext;
  return { req, context };
}

async function run(guard: JwtAuthGuard, handler: keyof Controller, authorization?: string) {
  const { req, context } = ctx(handler, authorization);
  try {
    return {
      ok: await guard.canActivate(context),
      user: req.user as { sub: string; roles: string[]; units: string[] } | undefined,
    };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, code: e.code, status: e.kind };
    throw e;
  }
}

/** A token with one character of its signature (or payload) changed. */
function tamper(token: string, part: 1 | 2): string {
  const parts = token.split('.');
  const s = parts[part];
  const i = Math.floor(s.length / 2);
  parts[part] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

describe('JwtAuthGuard with verified-token cache', () => {
  afterEach(() => jest.useRealTimers());

  it('accepts a valid token, then again from the cache with the same caller and its own copy of it', async () => {
    const guard = new JwtAuthGuard(new Reflector(), verifier);
    const verify = jest.spyOn(verifier, 'verify');
    const token = sign({ sub: 'o-1', roles: ['officer', 'bogus'], units: ['07210'], name: 'An' });
    const first = await run(guard, 'officersOnly', `Bearer ${token}`);
    const second = await run(guard, 'officersOnly', `Bearer ${token}`);
    expect(first).toEqual({
      ok: true,
      user: { sub: 'o-1', roles: ['officer'], units: ['07210'], name: 'An' },
    });
    expect(second).toEqual(first);
    expect(verify).toHaveBeenCalledTimes(1);
    first.user!.roles.push('admin'); // a handler changing its request's caller changes nothing for the next request
    expect((await run(guard, 'officersOnly', `Bearer ${token}`)).user!.roles).toEqual(['officer']);
    verify.mockRestore();
  });

  it('never accepts a tampered token, also after the genuine one was cached', async () => {
    const guard = new JwtAuthGuard(new Reflector(), verifier);
    const token = sign({ sub: 'o-1', roles: ['officer'], units: ['*'] });
    expect((await run(guard, 'anyone', `Bearer ${token}`)).ok).toBe(true);
    for (const bad of [
      tamper(token, 2),
      tamper(token, 1),
      token.slice(0, -1),
      `${token}x`,
      sign({ sub: 'o-1', roles: ['admin'] }, '1h', 'another-secret-0123456789'),
      // Subjects that would put personal data into events and the audit log (issue #16 row 5).
      sign({ sub: 'an.nguyen@example.vn', roles: ['officer'], units: ['*'] }),
      sign({ sub: 'Nguyễn Văn An', roles: ['officer'], units: ['*'] }),
    ]) {
      expect(await run(guard, 'anyone', `Bearer ${bad}`)).toEqual({
        ok: false,
        code: 'AUTH.INVALID_TOKEN',
        status: 'UNAUTHENTICATED',
      });
      expect(await run(guard, 'anyone', `Bearer ${bad}`)).toEqual({
        ok: false,
        code: 'AUTH.INVALID_TOKEN',
        status: 'UNAUTHENTICATED',
      });
    }
    // the genuine one still passes
    expect((await run(guard, 'anyone', `Bearer ${token}`)).ok).toBe(true);
  });

  it('refuses a token once it expires, even though it was cached while valid', async () => {
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00.000Z') });
    const guard = new JwtAuthGuard(new Reflector(), verifier);
    const token = sign({ sub: 'k-1', roles: ['kiosk'], units: ['07210'] }, 60);
    const exp = Math.floor(Date.now() / 1000) + 60;
    expect((await run(guard, 'anyone', `Bearer ${token}`)).ok).toBe(true);
    jest.setSystemTime(exp * 1000 - 1); // last millisecond of validity
    expect((await run(guard, 'anyone', `Bearer ${token}`)).ok).toBe(true);
    jest.setSystemTime(exp * 1000); // jose: expired once floor(now / 1000) >= exp (no skew configured here)
    expect(await run(guard, 'anyone', `Bearer ${token}`)).toEqual({
      ok: false,
      code: 'AUTH.INVALID_TOKEN',
      status: 'UNAUTHENTICATED',
    });
    await expect(verifier.verify(token)).rejects.toThrow(/"exp" claim timestamp check failed/); // verification agrees
    expect(await run(guard, 'anyone', `Bearer ${token}`)).toEqual({
      ok: false,
      code: 'AUTH.INVALID_TOKEN',
      status: 'UNAUTHENTICATED',
    });
  });

  it('refuses an expired or not yet valid token, and never caches a refusal into an acceptance', async () => {
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00.000Z') });
    const guard = new JwtAuthGuard(new Reflector(), verifier);
    const now = Math.floor(Date.now() / 1000);
    const expired = signRaw({
      sub: 'x',
      roles: ['admin'],
      exp: now - 1,
      iss: local.issuer,
      aud: local.audience,
    });
    const early = signRaw({
      sub: 'x',
      roles: ['admin'],
      nbf: now + 60,
      exp: now + 3600,
      iss: local.issuer,
      aud: local.audience,
    });
    for (const t of [expired, early])
      expect((await run(guard, 'anyone', `Bearer ${t}`)).code).toBe('AUTH.INVALID_TOKEN');
    jest.setSystemTime((now + 60) * 1000); // nbf reached: now valid, verified then
    expect((await run(guard, 'anyone', `Bearer ${early}`)).ok).toBe(true);
    expect((await run(guard, 'anyone', `Bearer ${expired}`)).code).toBe('AUTH.INVALID_TOKEN');
  });

  it('keeps roles, missing-token and public-endpoint semantics', async () => {
    const guard = new JwtAuthGuard(new Reflector(), verifier);
    const viewer = sign({ sub: 'v', roles: ['viewer'], units: ['*'] });
    const admin = sign({ sub: 'a', roles: ['admin'], units: ['*'] });
    const noSub = sign({ roles: ['admin'] });
    for (let i = 0; i < 2; i++) {
      // twice: verified, then cached
      expect(await run(guard, 'officersOnly', `Bearer ${viewer}`)).toEqual({
        ok: false,
        code: 'AUTH.ROLE_REQUIRED',
        status: 'FORBIDDEN',
      });
      expect((await run(guard, 'officersOnly', `Bearer ${admin}`)).ok).toBe(true);
      expect(await run(guard, 'anyone', `Bearer ${noSub}`)).toEqual({
        ok: false,
        code: 'AUTH.INVALID_TOKEN',
        status: 'UNAUTHENTICATED',
      });
      expect(await run(guard, 'anyone')).toEqual({
        ok: false,
        code: 'AUTH.MISSING_TOKEN',
        status: 'UNAUTHENTICATED',
      });
      expect(await run(guard, 'anyone', 'Bearer   ')).toEqual({
        ok: false,
        code: 'AUTH.MISSING_TOKEN',
        status: 'UNAUTHENTICATED',
      });
      expect(await run(guard, 'anyone', `Basic ${viewer}`)).toEqual({
        ok: false,
        code: 'AUTH.MISSING_TOKEN',
        status: 'UNAUTHENTICATED',
      });
      expect(await run(guard, 'open')).toEqual({ ok: true, user: undefined });
      expect(await run(guard, 'open', 'Bearer not-a-jwt')).toEqual({ ok: true, user: undefined });
      expect(await run(guard, 'open', `Bearer ${viewer}`)).toEqual({
        ok: true,
        user: { sub: 'v', roles: ['viewer'], units: ['*'], name: undefined },
      });
    }
  });
});

describe('TokenVerifier', () => {
  afterEach(() => jest.useRealTimers());
  const claims = { sub: 'o-1', roles: ['officer'], units: ['07210'] };
  const refused = (v: TokenVerifier, token: string) => expect(v.verify(token)).rejects.toThrow();

  it('requires exp, iss and aud, and refuses another issuer or audience', async () => {
    await expect(verifier.verify(sign(claims))).resolves.toMatchObject({ user: { sub: 'o-1' } });
    const now = Math.floor(Date.now() / 1000);
    await refused(verifier, signRaw({ ...claims, iss: local.issuer, aud: local.audience })); // no exp
    await refused(verifier, signRaw({ ...claims, exp: now + 60, aud: local.audience })); // no iss
    await refused(verifier, signRaw({ ...claims, exp: now + 60, iss: local.issuer })); // no aud
    await refused(
      verifier,
      signRaw({ ...claims, exp: now + 60, iss: 'https://evil.example', aud: local.audience }),
    );
    await refused(verifier, signRaw({ ...claims, exp: now + 60, iss: local.issuer, aud: 'another-app' }));
  });

  it('refuses alg none and an HS256 token keyed with the public key', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const rs = TokenVerifier.fromConfig(config({ JWT_PUBLIC_KEY: pem }));
    const exp = Math.floor(Date.now() / 1000) + 60;
    const body = { ...claims, exp, iss: local.issuer, aud: local.audience };
    const rsToken = new JwtService({
      privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    }).sign(body, { algorithm: 'RS256' });
    await expect(rs.verify(rsToken)).resolves.toMatchObject({ user: { sub: 'o-1', roles: ['officer'] } });
    await refused(rs, new JwtService({ secret: pem }).sign(body, { algorithm: 'HS256' }));
    const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    await refused(rs, `${b64({ alg: 'none', typ: 'JWT' })}.${b64(body)}.`);
    await refused(verifier, `${b64({ alg: 'none', typ: 'JWT' })}.${b64(body)}.`);
  });

  it('tolerates the configured clock skew on a fresh verification, but is reused only until exp', async () => {
    jest.useFakeTimers({ now: new Date('2026-06-01T00:00:00.000Z') });
    const skewed = TokenVerifier.fromConfig(config({ JWT_SECRET: SECRET, JWT_CLOCK_SKEW_SECONDS: 30 }));
    const now = Math.floor(Date.now() / 1000);
    const token = (exp: number) => signRaw({ ...claims, exp, iss: local.issuer, aud: local.audience });
    await expect(skewed.verify(token(now - 29))).resolves.toMatchObject({ reusableUntil: (now - 29) * 1000 });
    await refused(skewed, token(now - 31));
    await expect(skewed.verify(token(now + 60))).resolves.toMatchObject({ reusableUntil: (now + 60) * 1000 });
  });

  it('is configured from the environment: OIDC_ISSUER needs OIDC_AUDIENCE and may replace the local key', () => {
    const issuer = 'https://sso.example.gov.vn/realms/province';
    expect(() => loadConfig(PlatformConfig, { OIDC_ISSUER: issuer })).toThrow(/OIDC_AUDIENCE is required/);
    expect(() => loadConfig(PlatformConfig, {})).toThrow(/set OIDC_ISSUER and OIDC_AUDIENCE, or JWT_SECRET/);
    expect(() => loadConfig(PlatformConfig, { OIDC_ISSUER: 'sso.example', OIDC_AUDIENCE: 'fg' })).toThrow(
      /OIDC_ISSUER must be the issuer URL/,
    );
    const c = loadConfig(PlatformConfig, { OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'fg-services' });
    expect(c).toMatchObject({
      OIDC_ROLES_CLAIM: 'roles',
      OIDC_UNITS_CLAIM: 'units',
      OIDC_JWKS_CACHE_SECONDS: 600,
      OIDC_JWKS_COOLDOWN_SECONDS: 30,
      JWT_CLOCK_SKEW_SECONDS: 30,
    });
    expect(TokenVerifier.fromConfig(c, { env: { NODE_ENV: 'development' } }).issuers).toEqual([issuer]);
  });

  it('trusts the local key next to an identity provider only outside production', () => {
    const both = config({
      JWT_SECRET: SECRET,
      OIDC_ISSUER: 'https://sso.example.gov.vn',
      OIDC_AUDIENCE: 'fg',
    });
    expect(TokenVerifier.fromConfig(both, { env: { NODE_ENV: 'test' } }).issuers).toEqual([
      'https://sso.example.gov.vn',
      LOCAL_TOKEN_ISSUER,
    ]);
    expect(TokenVerifier.fromConfig(both, { env: { NODE_ENV: 'production' } }).issuers).toEqual([
      'https://sso.example.gov.vn',
    ]);
    expect(
      TokenVerifier.fromConfig(config({ JWT_SECRET: SECRET }), { env: { NODE_ENV: 'production' } }).issuers,
    ).toEqual([LOCAL_TOKEN_ISSUER]);
  });
});

describe('VerifiedTokens', () => {
  it('keeps at most maxEntries, dropping the least recently used', () => {
    const cache = new VerifiedTokens(2, () => 0);
    const u = (sub: string) => ({ sub, roles: [], units: [] });
    cache.remember('a', u('a'), 10_000);
    cache.remember('b', u('b'), 10_000);
    expect(cache.get('a')?.sub).toBe('a'); // a is now the most recent
    cache.remember('c', u('c'), 10_000);
    expect(cache.size).toBe(2);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')?.sub).toBe('a');
    expect(cache.get('c')?.sub).toBe('c');
  });

  it('serves a token until the instant given, to the millisecond, and never stores one already due', () => {
    let now = 9_999;
    const cache = new VerifiedTokens(10, () => now);
    cache.remember('t', { sub: 's', roles: [], units: [] }, 10_000);
    cache.remember('due', { sub: 'd', roles: [], units: [] }, 9_999);
    expect(cache.size).toBe(1);
    expect(cache.get('t')?.sub).toBe('s');
    now = 10_000;
    expect(cache.get('t')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
