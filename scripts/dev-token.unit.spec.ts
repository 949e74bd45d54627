import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { PlatformConfig } from '../libs/platform/src/config/platform-config';
import { TokenVerifier } from '../libs/platform/src/auth/token-verifier';

// `npm run dev-token` must mint what the services accept: the local issuer's iss and aud, an exp (issue #16 row 12).
describe('scripts/dev-token.mjs', () => {
  const JWT_SECRET = 'dev-token-spec-0123456789abcdef';
  const run = (...args: string[]) =>
    execFileSync(process.execPath, [path.join(__dirname, 'dev-token.mjs'), ...args], {
      env: { ...process.env, JWT_SECRET },
      encoding: 'utf8',
    }).trim();
  const verifier = TokenVerifier.fromConfig({ JWT_SECRET, JWT_CLOCK_SKEW_SECONDS: 0 } as PlatformConfig);

  it('mints a token the services verify, with its role, units and subject', async () => {
    const { user, reusableUntil } = await verifier.verify(run('officer', '07210,07211', 'o-7'));
    expect(user).toEqual({ sub: 'o-7', roles: ['officer'], units: ['07210', '07211'], name: undefined });
    expect(reusableUntil - Date.now()).toBeGreaterThan(11 * 3600_000); // 12 h
    expect(reusableUntil - Date.now()).toBeLessThanOrEqual(12 * 3600_000);
  });

  it('is refused under another secret', async () => {
    const other = TokenVerifier.fromConfig({
      JWT_SECRET: `${JWT_SECRET}-x`,
      JWT_CLOCK_SKEW_SECONDS: 0,
    } as PlatformConfig);
    await expect(other.verify(run('admin'))).rejects.toThrow();
  });
});
