import { JwtService } from '@nestjs/jwt';
import type { Role } from '../auth/roles';
import { TEST_JWT_SECRET } from './test-env';

/** A signed HS256 bearer token for tests. */
export function tokenFor(
  claims: { sub?: string; roles: Role[]; units?: string[]; name?: string },
  secret = process.env.JWT_SECRET ?? TEST_JWT_SECRET,
): string {
  return new JwtService({ secret }).sign(
    { sub: claims.sub ?? 'test-user', roles: claims.roles, units: claims.units ?? ['*'], name: claims.name },
    { expiresIn: '1h' },
  );
}

export const bearer = (claims: Parameters<typeof tokenFor>[0]) => `Bearer ${tokenFor(claims)}`;
