import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@fg/platform';

export const SERVICE_CODE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
export const COUNTER_NO_PATTERN = /^[A-Za-z0-9._-]{1,16}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const pipe = (pattern: RegExp, code: string, what: string) => {
  @Injectable()
  class PatternPipe implements PipeTransform<string, string> {
    transform(value: string): string {
      if (!pattern.test(value)) throw new DomainError('INVALID', code, `Invalid ${what} "${value}"`);
      return value;
    }
  }
  return PatternPipe;
};

/** `{serviceCode}`: 1-32 letters, digits, dots, dashes or underscores (e.g. `HT`). */
export const ServiceCodePipe = pipe(
  SERVICE_CODE_PATTERN,
  'SERVICE.BAD_CODE',
  'service code: use 1-32 letters, digits, dots, dashes or underscores',
);
/** `{counterNo}`: 1-16 of the same characters (e.g. `1`, `A2`). */
export const CounterNoPipe = pipe(
  COUNTER_NO_PATTERN,
  'COUNTER.BAD_NUMBER',
  'counter number: use 1-16 letters, digits, dots, dashes or underscores',
);
export const TicketIdPipe = pipe(UUID, 'TICKET.BAD_ID', 'ticket id: expected a UUID');
