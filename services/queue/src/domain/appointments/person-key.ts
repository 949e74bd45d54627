import { AppointmentRuleError } from './appointment.errors';

/**
 * Who holds a booking, for the per-person limit (issue #19): a Vietnamese mobile number or a citizen ID
 * number (CCCD, 12 digits; old CMND, 9), reduced to one canonical string that the service then hashes with
 * its secret (HMAC): the clear number is never stored, logged or published.
 */
export interface PersonInput {
  phone?: string;
  idNumber?: string;
}

/** `phone:+84912345678` or `id:001234567890`; exactly one of the two must be given. */
export const personKeyOf = (p: PersonInput): string => {
  const phone = p.phone?.trim();
  const id = p.idNumber?.trim();
  if (!!phone === !!id)
    throw new AppointmentRuleError('APPOINTMENT.INVALID_CONTACT', 'Give exactly one of phone or idNumber', {
      field: 'phone',
    });
  if (phone) {
    const national = /^(?:\+84|84|0)(\d{9})$/.exec(phone.replace(/[\s.()-]/g, ''))?.[1];
    if (!national || !/^[35789]/.test(national))
      throw new AppointmentRuleError(
        'APPOINTMENT.INVALID_CONTACT',
        'phone must be a Vietnamese mobile number',
        {
          field: 'phone',
        },
      );
    return `phone:+84${national}`;
  }
  if (!/^(\d{12}|\d{9})$/.test(id!))
    throw new AppointmentRuleError(
      'APPOINTMENT.INVALID_CONTACT',
      'idNumber must have 12 digits (CCCD) or 9 (CMND)',
      {
        field: 'idNumber',
      },
    );
  return `id:${id}`;
};
