/*
 * Booking codes (issue #19): 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L, no U), so a
 * code read aloud, typed at the kiosk or scanned from the QR is unambiguous; 30^8 ≈ 6.6·10^11 codes, so a
 * guess hits a live booking with negligible probability (and the public look-up is rate-limited).
 */
export const BOOKING_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BOOKING_CODE_LENGTH = 8;
export const BOOKING_CODE_PATTERN = new RegExp(`^[${BOOKING_CODE_ALPHABET}]{${BOOKING_CODE_LENGTH}}$`);

/** A code from random bytes (at least 8; pass `crypto.randomBytes(8)`), without modulo bias worth noting. */
export const bookingCodeFrom = (bytes: Uint8Array): string => {
  if (bytes.length < BOOKING_CODE_LENGTH) throw new Error(`need ${BOOKING_CODE_LENGTH} random bytes`);
  let code = '';
  for (let i = 0; i < BOOKING_CODE_LENGTH; i++)
    code += BOOKING_CODE_ALPHABET[bytes[i] % BOOKING_CODE_ALPHABET.length];
  return code;
};

/** What a citizen typed, as a code: upper case, spaces and dashes dropped; `null` when not well-formed. */
export const normalizeBookingCode = (input: unknown): string | null => {
  if (typeof input !== 'string' || input.length > 20) return null;
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return BOOKING_CODE_PATTERN.test(code) ? code : null;
};
