import { JwtService } from '@nestjs/jwt';
// Plain constants: not through @fg/platform, which would load the whole platform into the tool.
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../../libs/platform/src/auth/local-issuer';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** JWT_SECRET, else the random local secret `npm start` keeps in .cache/dev-jwt-secret. */
export function devJwtSecret(): string {
  if (process.env.JWT_SECRET) return process.env.JWT_SECRET;
  const file = join(__dirname, '..', '..', '.cache', 'dev-jwt-secret');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

export type Role = 'admin' | 'unit-admin' | 'officer' | 'assessor' | 'viewer' | 'portal' | 'kiosk';

export function signToken(
  claims: { role: Role; units?: string[]; sub?: string },
  secret = devJwtSecret(),
): string {
  return new JwtService({ secret }).sign(
    { sub: claims.sub ?? `sim-${claims.role}`, roles: [claims.role], units: claims.units ?? ['*'] },
    { expiresIn: '12h', issuer: LOCAL_TOKEN_ISSUER, audience: LOCAL_TOKEN_AUDIENCE },
  );
}
