#!/usr/bin/env node
// Prints bearer tokens for local use.
//   npm run dev-token                          one token per role, all units
//   npm run dev-token -- officer 26734 [sub]   one token: role, unit codes (comma-separated), subject
import { createRequire } from 'node:module';
import path from 'node:path';
import { devJwtSecret, repoRoot } from './dev-secret.mjs';

const require = createRequire(path.join(repoRoot, 'package.json'));
const { JwtService } = require('@nestjs/jwt');
// The local issuer's `iss` and `aud`, as libs/platform/src/auth/token-verifier.ts names them
// (LOCAL_TOKEN_ISSUER, LOCAL_TOKEN_AUDIENCE); every token needs both and an `exp` (issue #16 row 12).
export const LOCAL_TOKEN_ISSUER = 'urn:fg:local';
export const LOCAL_TOKEN_AUDIENCE = 'fg-services';
export const ROLES = ['admin', 'unit-admin', 'officer', 'assessor', 'viewer', 'portal', 'kiosk'];

export function devToken({ role, units = ['*'], sub = `dev-${role}`, name, expiresIn = '12h' }) {
  return new JwtService({ secret: devJwtSecret() }).sign(
    { sub, roles: [role], units, ...(name ? { name } : {}) },
    { expiresIn, issuer: LOCAL_TOKEN_ISSUER, audience: LOCAL_TOKEN_AUDIENCE },
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [role, units, sub] = process.argv.slice(2);
  if (role) {
    if (!ROLES.includes(role)) {
      console.error(`unknown role ${role}; one of ${ROLES.join(', ')}`);
      process.exit(2);
    }
    console.log(devToken({ role, units: units ? units.split(',') : ['*'], sub }));
  } else {
    for (const r of ROLES) console.log(`${r.padEnd(10)} ${devToken({ role: r })}`);
  }
}
