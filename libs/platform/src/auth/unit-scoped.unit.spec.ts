import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RuleError } from '@fg/kernel';
import { Public } from './public.decorator';
import type { AuthUser } from './roles';
import { KnownUnit, UnitAccess, UnitLookup } from './unit-access';
import { UnitAncestry, UnitScope } from './unit-scope';
import { UnitScoped, UnitScopedGuard } from './unit-scoped';

/** A province with two communes, one of them merged away (inactive). */
const REGISTRY: Record<string, KnownUnit & { parentCode: string | null }> = {
  '24': { code: '24', active: true, parentCode: null },
  '07210': { code: '07210', active: true, parentCode: '24' },
  '07299': { code: '07299', active: false, parentCode: '24' },
  '30': { code: '30', active: true, parentCode: null },
};

class Registry implements UnitLookup, UnitAncestry {
  finds = 0;
  find(code: string) {
    this.finds++;
    return Promise.resolve(REGISTRY[code] ?? null);
  }
  ancestorsOf(code: string) {
    const up: string[] = [];
    for (let u = REGISTRY[code]; u?.parentCode; u = REGISTRY[u.parentCode]) up.push(u.parentCode);
    return Promise.resolve(up);
  }
}

@UnitScoped('unitCode')
class OfficeController {
  byPath() {}
  @UnitScoped('unitCode', { active: true })
  issue() {}
}

class MixedController {
  unscoped() {}
  @UnitScoped({ body: 'unitCode' })
  byBody() {}
  @UnitScoped({ query: 'unit' })
  byQuery() {}
}

@Public()
@UnitScoped('unitCode')
class BoardController {
  board() {}
}

const user = (...units: string[]): AuthUser => ({ sub: 'u', roles: ['officer'], units });

function setUp() {
  const registry = new Registry();
  const guard = new UnitScopedGuard(new Reflector(), new UnitAccess(registry, new UnitScope(registry)));
  const run = async (
    cls: { prototype: object; name: string },
    handler: string,
    req: { params?: object; query?: object; body?: unknown; user?: AuthUser },
  ) => {
    const ctx = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => req }),
      getHandler: () => (cls.prototype as Record<string, unknown>)[handler],
      getClass: () => cls,
    } as unknown as ExecutionContext;
    try {
      return await guard.canActivate(ctx);
    } catch (e) {
      if (e instanceof RuleError) return { kind: e.kind, code: e.code, message: e.message };
      throw e;
    }
  };
  return { registry, run };
}

describe('UnitScopedGuard', () => {
  describe('when the route names its unit in the path', () => {
    const { run } = setUp();

    it('lets a caller through for its own unit, a descendant of its unit, or with "*"', async () => {
      for (const caller of [user('07210'), user('24'), user('*'), user('30', '07210')])
        expect(await run(OfficeController, 'byPath', { params: { unitCode: '07210' }, user: caller })).toBe(
          true,
        );
    });

    it('refuses a unit outside the caller scope with 403 AUTH.UNIT_OUT_OF_SCOPE (a sibling, or a parent)', async () => {
      const outOfScope = {
        kind: 'FORBIDDEN',
        code: 'AUTH.UNIT_OUT_OF_SCOPE',
        message: 'You may not act for unit 07210',
      };
      expect(
        await run(OfficeController, 'byPath', { params: { unitCode: '07210' }, user: user('30') }),
      ).toEqual(outOfScope);
      expect(
        await run(OfficeController, 'byPath', { params: { unitCode: '24' }, user: user('07210') }),
      ).toEqual({
        ...outOfScope,
        message: 'You may not act for unit 24',
      });
    });

    it('answers 404 UNIT.NOT_FOUND for an unknown unit, whoever asks (before the scope check)', async () => {
      for (const caller of [user('*'), user('30')])
        expect(
          await run(OfficeController, 'byPath', { params: { unitCode: '99999' }, user: caller }),
        ).toEqual({
          kind: 'NOT_FOUND',
          code: 'UNIT.NOT_FOUND',
          message: 'Unit 99999 not found',
        });
    });

    it('answers 400 UNIT.BAD_CODE for a malformed code without looking it up (guards run before pipes)', async () => {
      const { registry, run: runFresh } = setUp();
      expect(
        await runFresh(OfficeController, 'byPath', { params: { unitCode: 'bad code!' }, user: user('*') }),
      ).toEqual({
        kind: 'INVALID',
        code: 'UNIT.BAD_CODE',
        message: 'Invalid unit code "bad code!": use 1-32 letters, digits, dots or dashes',
      });
      expect(registry.finds).toBe(0);
    });

    it('refuses an inactive unit with 409 UNIT.INACTIVE only where the route asks for an active one', async () => {
      const req = { params: { unitCode: '07299' }, user: user('24') };
      expect(await run(OfficeController, 'byPath', req)).toBe(true);
      expect(await run(OfficeController, 'issue', req)).toEqual({
        kind: 'CONFLICT',
        code: 'UNIT.INACTIVE',
        message: 'Unit 07299 is inactive',
      });
      // out of scope wins over inactive: nothing about a foreign unit's state is told
      expect(await run(OfficeController, 'issue', { ...req, user: user('30') })).toMatchObject({
        code: 'AUTH.UNIT_OUT_OF_SCOPE',
      });
    });

    it('answers 401 without a caller (a route the auth guard let through by mistake is not open)', async () => {
      expect(await run(OfficeController, 'byPath', { params: { unitCode: '07210' } })).toMatchObject({
        kind: 'UNAUTHENTICATED',
        code: 'AUTH.MISSING_TOKEN',
      });
    });
  });

  describe('when the route names its unit in the body or the query', () => {
    const { run } = setUp();

    it('reads the declared field and applies the same checks', async () => {
      expect(await run(MixedController, 'byBody', { body: { unitCode: '07210' }, user: user('24') })).toBe(
        true,
      );
      expect(
        await run(MixedController, 'byBody', { body: { unitCode: '07210' }, user: user('30') }),
      ).toMatchObject({
        code: 'AUTH.UNIT_OUT_OF_SCOPE',
      });
      expect(
        await run(MixedController, 'byQuery', { query: { unit: '99999' }, user: user('*') }),
      ).toMatchObject({
        code: 'UNIT.NOT_FOUND',
      });
    });

    it('refuses a missing or non-string code with 400 UNIT.BAD_CODE (never lets an unchecked request through)', async () => {
      expect(await run(MixedController, 'byBody', { body: {}, user: user('*') })).toEqual({
        kind: 'INVALID',
        code: 'UNIT.BAD_CODE',
        message: 'The body field unitCode (a unit code) is required',
      });
      expect(await run(MixedController, 'byBody', { body: undefined, user: user('*') })).toMatchObject({
        code: 'UNIT.BAD_CODE',
      });
      expect(
        await run(MixedController, 'byQuery', { query: { unit: ['24', '30'] }, user: user('*') }),
      ).toMatchObject({
        code: 'UNIT.BAD_CODE',
      });
    });

    it('leaves routes without the decorator alone', async () => {
      expect(await run(MixedController, 'unscoped', { params: { unitCode: '99999' } })).toBe(true);
    });
  });

  describe('when the route is public', () => {
    const { run } = setUp();

    it('checks only that the unit exists: there is no caller whose scope to check', async () => {
      expect(await run(BoardController, 'board', { params: { unitCode: '07210' } })).toBe(true);
      expect(await run(BoardController, 'board', { params: { unitCode: '07210' }, user: user('30') })).toBe(
        true,
      );
      expect(await run(BoardController, 'board', { params: { unitCode: '99999' } })).toMatchObject({
        code: 'UNIT.NOT_FOUND',
      });
    });
  });

  it('reads a route’s declaration once, not on every request', async () => {
    const { run } = setUp();
    const spy = jest.spyOn(Reflector.prototype, 'getAllAndOverride');
    for (let i = 0; i < 3; i++)
      await run(OfficeController, 'byPath', { params: { unitCode: '07210' }, user: user('*') });
    expect(spy).toHaveBeenCalledTimes(2); // UNIT_SCOPED and IS_PUBLIC, the first time only
    spy.mockRestore();
  });
});

describe('UnitAccess on a unit read from a record', () => {
  const registry = new Registry();
  const access = new UnitAccess(registry, new UnitScope(registry));

  it('raises the same errors as the guard', async () => {
    expect(() => access.check('99999', null)).toThrow(expect.objectContaining({ code: 'UNIT.NOT_FOUND' }));
    expect(access.check('07210', REGISTRY['07210'])).toBe(REGISTRY['07210']);
    await expect(access.inScope(user('30'), '07210')).rejects.toMatchObject({
      kind: 'FORBIDDEN',
      code: 'AUTH.UNIT_OUT_OF_SCOPE',
    });
    await expect(access.assert(user('24'), '07210')).resolves.toBe(REGISTRY['07210']);
    await expect(access.known('07299', { active: true })).rejects.toMatchObject({ code: 'UNIT.INACTIVE' });
  });
});
