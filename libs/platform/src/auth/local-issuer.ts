/**
 * `iss` and `aud` of the tokens signed with the local key (JWT_SECRET or JWT_PUBLIC_KEY): `npm run dev-token`,
 * the simulator, the benchmarks and the test kits. A file of its own, without imports, so that the tools can
 * use it without loading the platform. scripts/dev-token.mjs repeats both strings (it is plain JavaScript);
 * scripts/dev-token.unit.spec.ts checks that its tokens pass the verifier.
 */
export const LOCAL_TOKEN_ISSUER = 'urn:fg:local';
export const LOCAL_TOKEN_AUDIENCE = 'fg-services';
