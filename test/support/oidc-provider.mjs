// A real OpenID Connect provider (panva's certified oidc-provider) for the sign-in specs, run as its own process
// (the package is ESM-only, the specs are CommonJS). Configured by OIDC_TEST_CONFIG (JSON):
//   { port, jwks: { keys: [private JWKs, the first signs] }, clients: [{ id, secret, roles, units }] }
// Issuer http://127.0.0.1:<port>; client_credentials tokens for the resource RESOURCE are JWTs with aud AUDIENCE,
// the client's roles in `roles` and its unit codes in `fg_units` (a non-default claim name, as a province's
// identity provider may use). Prints "ready <issuer>" once it listens.
import Provider from 'oidc-provider';

const RESOURCE = 'https://fg.test/api';
const AUDIENCE = 'fg-services';
const { port, jwks, clients } = JSON.parse(process.env.OIDC_TEST_CONFIG);
const issuer = `http://127.0.0.1:${port}`;
const byId = new Map(clients.map((c) => [c.id, c]));

const provider = new Provider(issuer, {
  jwks,
  clients: clients.map((c) => ({
    client_id: c.id,
    client_secret: c.secret,
    grant_types: ['client_credentials'],
    redirect_uris: [],
    response_types: [],
  })),
  ttl: { ClientCredentials: 300 },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: AUDIENCE,
        accessTokenTTL: 300,
        accessTokenFormat: 'jwt',
        jwt: { sign: { alg: 'RS256' } },
      }),
    },
  },
  extraTokenClaims: (_ctx, token) => {
    const c = byId.get(token.clientId);
    return c ? { roles: c.roles, fg_units: c.units } : undefined;
  },
});
provider.listen(port, '127.0.0.1', () => console.log(`ready ${issuer}`));
