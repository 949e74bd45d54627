import { Injectable, PipeTransform } from '@nestjs/common';
import { UNIT_CODE_PATTERN } from '@fg/contracts';
import { DomainError } from './domain-error';

/** Validates a `{code}`/`{unitCode}` path parameter: letters, digits, dots and dashes, up to 32. */
@Injectable()
export class UnitCodePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UNIT_CODE_PATTERN.test(value)) {
      throw new DomainError(
        'INVALID',
        'UNIT.BAD_CODE',
        `Invalid unit code "${value}": use 1-32 letters, digits, dots or dashes`,
      );
    }
    return value;
  }
}
