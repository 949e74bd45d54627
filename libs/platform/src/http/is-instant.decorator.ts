import { ValidateBy, type ValidationOptions } from 'class-validator';
import { isInstantText } from '@fg/kernel';

/**
 * An ISO-8601 instant with its zone whose every field exists (kernel `parseInstantText`): 2026-12-06T25:61:00Z
 * or 2026-02-30T10:00Z is a 400 naming the field, not an Invalid Date that fails later as a 500.
 */
export const IsInstant = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isInstantText(value),
        defaultMessage: () =>
          '$property must be an ISO-8601 date-time with a time zone, one that exists, e.g. 2025-07-07T09:00:00+07:00',
      },
    },
    options,
  );
