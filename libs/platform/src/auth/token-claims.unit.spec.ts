import { claimAt, userFromClaims } from './token-claims';

describe('userFromClaims (how a token names its caller)', () => {
  it('reads roles and units from the default claims, dropping unknown roles and duplicates', () => {
    expect(
      userFromClaims({
        sub: 'o-1',
        roles: ['officer', 'officer', 'manage-account'],
        units: ['07210'],
        name: 'An',
      }),
    ).toEqual({ sub: 'o-1', roles: ['officer'], units: ['07210'], name: 'An' });
  });

  it('reads configured claim names: nested paths (Keycloak) and namespaced names with dots', () => {
    const keycloak = {
      sub: 'u-1',
      realm_access: { roles: ['viewer', 'offline_access'] },
      fg_units: '07210 07211',
    };
    expect(userFromClaims(keycloak, { roles: 'realm_access.roles', units: 'fg_units' })).toEqual({
      sub: 'u-1',
      roles: ['viewer'],
      units: ['07210', '07211'],
      name: undefined,
    });
    const namespaced = {
      sub: 'u-2',
      'https://fg.gov.vn/roles': 'unit-admin',
      'https://fg.gov.vn/units': '07210,*',
    };
    expect(
      userFromClaims(namespaced, { roles: 'https://fg.gov.vn/roles', units: 'https://fg.gov.vn/units' }),
    ).toEqual({ sub: 'u-2', roles: ['unit-admin'], units: ['07210', '*'], name: undefined });
  });

  it('gives no roles or units for missing or malformed claims', () => {
    for (const claims of [{}, { roles: 7, units: { a: 1 } }, { roles: [1, null], units: [''] }])
      expect(userFromClaims({ sub: 's', ...claims })).toMatchObject({ roles: [], units: [] });
    expect(claimAt({ a: ['x'] }, 'a.b')).toBeUndefined();
    expect(claimAt({ a: { b: 1 } }, 'a.b')).toBe(1);
    expect(claimAt({ a: Object.create({ b: 1 }) as object }, 'a.b')).toBeUndefined(); // own claims only
  });

  it('refuses a token without a subject or with a subject that is not an id (issue #16 row 5)', () => {
    expect(() => userFromClaims({ roles: ['admin'] })).toThrow(/sub/);
    expect(() => userFromClaims({ sub: 'an.nguyen@example.vn', roles: ['admin'] })).toThrow(/id/);
  });
});
