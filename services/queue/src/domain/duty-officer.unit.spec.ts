import { dutyOfficer } from './duty-officer';
import { QueueRuleError } from './queue.errors';

const officer = { sub: 'o-1', roles: ['officer'] };
const unitAdmin = { sub: 'ua-1', roles: ['unit-admin'] };
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as QueueRuleError).code;
  }
  return 'NO ERROR';
};

describe('who goes on duty at a counter', () => {
  it("puts the caller on duty when the body names nobody or the caller's own id", () => {
    expect(dutyOfficer(officer, undefined, false)).toEqual({ officerId: 'o-1', assignedBy: null });
    expect(dutyOfficer(officer, ' o-1 ', false)).toEqual({ officerId: 'o-1', assignedBy: null });
  });

  it('refuses an officer naming someone else, even an officer of the unit', () => {
    expect(codeOf(() => dutyOfficer(officer, 'o-2', true))).toBe('COUNTER.OFFICER_NOT_CALLER');
  });

  it('lets a unit-admin assign an officer of the unit, recorded as his assignment', () => {
    expect(dutyOfficer(unitAdmin, 'o-2', true)).toEqual({ officerId: 'o-2', assignedBy: 'ua-1' });
    expect(codeOf(() => dutyOfficer(unitAdmin, 'o-9', false))).toBe('COUNTER.OFFICER_NOT_OF_UNIT');
  });
});
