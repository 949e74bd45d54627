import {
  isEmailAddress,
  isVietnameseMobilePhone,
  EMAIL_MAX_LENGTH,
  PHONE_INPUT_MAX_LENGTH,
} from '@fg/kernel';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/*
 * REST input of a citizen's contact (issue #18: kiosk phone, dossier applicant phone/e-mail). The rules are the
 * kernel's (contact.ts), so what a DTO accepts is exactly what sealing and notify accept. A bad value is a 400
 * naming the field (the platform validation pipe). These decorators are for request DTOs only: contact data
 * never goes into an event class (there it travels as a SealedContact).
 */

/** A Vietnamese mobile number (03x/05x/07x/08x/09x, 10 digits, or +84 forms; separators allowed). */
export const IsVietnameseMobilePhone = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isVietnameseMobilePhone',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isVietnameseMobilePhone(value),
        defaultMessage: () =>
          `$property must be a Vietnamese mobile number such as 0912345678 or +84912345678 (at most ${PHONE_INPUT_MAX_LENGTH} characters)`,
      },
    },
    options,
  );

/** An e-mail address a mail server takes (no quoted local parts or IP literals), at most 254 characters. */
export const IsContactEmail = (options: ValidationOptions = {}) =>
  ValidateBy(
    {
      name: 'isContactEmail',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isEmailAddress(value),
        defaultMessage: () => `$property must be an e-mail address of at most ${EMAIL_MAX_LENGTH} characters`,
      },
    },
    options,
  );
