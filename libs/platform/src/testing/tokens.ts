import { JwtService } from '@nestjs/jwt';
import type { Role } from '../auth/roles';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER } from '../auth/token-verifier';
import { TEST_JWT_SECRET } from './test-env';

/** A signed HS256 bearer token of the local issuer for tests. */
export function tokenFor(
  claims: { sub?: string; roles: Role[]; units?: string[]; name?: string },
  secret = process.env.JWT_SECRET ?? TEST_JWT_SECRET,
): string {
  return new JwtService({ secret }).sign(
    { sub: claims.sub ?? 'test-user', roles: claims.roles, units: claims.units ?? ['*'], name: claims.name },
    { expiresIn: '1h', issuer: LOCAL_TOKEN_ISSUER, audience: LOCAL_TOKEN_AUDIENCE },
  );
}

export const bearer = (claims: Parameters<typeof tokenFor>[0]) => `Bearer ${tokenFor(claims)}`;
