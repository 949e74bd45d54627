import { isRuleError, RuleError } from './rule-error';

type TicketCode = 'TICKET.INVALID_TRANSITION' | 'TICKET.INVALID_NUMBER';
const KINDS = { 'TICKET.INVALID_TRANSITION': 'CONFLICT', 'TICKET.INVALID_NUMBER': 'INVALID' } as const;

class TicketRuleError extends RuleError<TicketCode> {
  declare readonly details: Readonly<Record<string, unknown>>;
  constructor(code: TicketCode, message: string, details: Readonly<Record<string, unknown>> = {}) {
    super(KINDS[code], code, message, details);
  }
}

describe('RuleError', () => {
  describe('when a service error extends it', () => {
    const error = new TicketRuleError('TICKET.INVALID_TRANSITION', 'Cannot call a served ticket', {
      status: 'served',
    });

    it('carries the kind its code maps to, the code, the message and the details', () => {
      expect(error).toMatchObject({
        kind: 'CONFLICT',
        code: 'TICKET.INVALID_TRANSITION',
        message: 'Cannot call a served ticket',
        details: { status: 'served' },
      });
      expect(new TicketRuleError('TICKET.INVALID_NUMBER', 'x').kind).toBe('INVALID');
    });

    it('is an Error and a RuleError, named after the subclass', () => {
      expect(error).toBeInstanceOf(Error);
      expect(isRuleError(error)).toBe(true);
      expect(error.name).toBe('TicketRuleError');
      expect(error.stack).toContain('TicketRuleError: Cannot call a served ticket');
    });
  });

  it('leaves details undefined when none are given, and recognises only its own kind of error', () => {
    const error = new RuleError('NOT_FOUND', 'UNIT.NOT_FOUND', 'Unit 07210 not found');
    expect(error.details).toBeUndefined();
    expect(error.name).toBe('RuleError');
    expect(isRuleError(new Error('plain'))).toBe(false);
    expect(isRuleError({ kind: 'NOT_FOUND', code: 'UNIT.NOT_FOUND', message: 'look-alike' })).toBe(false);
  });
});
