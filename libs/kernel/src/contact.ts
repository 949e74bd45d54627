/**
 * A citizen's contact details for notifications (issue #18): a Vietnamese mobile number in E.164 form
 * (`+84912345678`) and/or an e-mail address. Services hold them only in their own database (dossier's
 * applicant row) or sealed for the notify service (libs/platform sealing); never in events or logs in clear.
 */
export interface ContactDetails {
  phone?: string;
  email?: string;
}

/** Longest phone input accepted before normalising (spaces, dots, dashes, a `(+84)` prefix). */
export const PHONE_INPUT_MAX_LENGTH = 20;
/** RFC 5321: at most 254 characters in a path, 64 in the local part. */
export const EMAIL_MAX_LENGTH = 254;

/*
 * The mobile ranges of the national numbering plan after the 2018 change from 11 to 10 digits (Ministry of
 * Information and Communications, Circular 22/2014/TT-BTTTT and the 2018 conversion of 016x/012x/018x/019x):
 * 032-039 (Viettel), 052/055/056/058/059 (Vietnamobile, Reddi, Gmobile), 070/076-079 (MobiFone), 081-089
 * (VinaPhone, Viettel 086, MobiFone 089, iTel 087), 090-099. A landline (02x) cannot receive an SMS.
 */
const MOBILE_NATIONAL = /^(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9\d)\d{7}$/;
/** Separators people write inside a number: spaces, dots, dashes, parentheses around a prefix. */
const PHONE_SEPARATORS = /[\s.()-]/g;

/**
 * The E.164 form (`+84` and nine digits) of a Vietnamese mobile number written as `0912345678`,
 * `0912 345 678`, `0912.345.678`, `+84912345678`, `+84 912 345 678`, `(+84) 912345678`, `84912345678` or
 * `+840912345678`; `null` for anything else (a landline, a foreign number, a wrong length, letters).
 */
export function normalizeVietnamesePhone(input: string): string | null {
  if (typeof input !== 'string' || input.length > PHONE_INPUT_MAX_LENGTH) return null;
  const compact = input.trim().replace(PHONE_SEPARATORS, '');
  const national = /^(?:\+840?|840|84|0)(\d{9})$/.exec(compact)?.[1];
  return national && MOBILE_NATIONAL.test(national) ? `+84${national}` : null;
}

export const isVietnameseMobilePhone = (input: string): boolean => normalizeVietnamesePhone(input) !== null;

/*
 * An address a mail server will take: one `@`, a local part of ASCII letters, digits and the RFC 5322 atom
 * characters (dots not leading, trailing or doubled), a domain of at least two DNS labels with a letter
 * TLD. Quoted local parts, IP-literal domains and comments are refused: no citizen types them, and each is a
 * way to smuggle spaces or markup into a template.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

/**
 * The normal form of an e-mail address (trimmed, domain in lower case: domains are case-insensitive, local
 * parts in principle are not); `null` when it is not an address as above or longer than 254 characters.
 */
export function normalizeEmail(input: string): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (trimmed.length > EMAIL_MAX_LENGTH) return null;
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || trimmed.indexOf('@') !== at) return null;
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1).toLowerCase();
  if (local.length > 64 || !LOCAL_PART.test(local)) return null;
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => DOMAIN_LABEL.test(l))) return null;
  if (!/^[a-z]{2,63}$/.test(labels[labels.length - 1])) return null;
  return `${local}@${domain}`;
}

export const isEmailAddress = (input: string): boolean => normalizeEmail(input) !== null;

/**
 * The normal form of contact details (phone in E.164, e-mail normalised, empty ones dropped); `null` when a
 * given one is invalid or neither is given. Sealing and fingerprints use this form, so `0912 345 678` and
 * `+84912345678` are the same contact.
 */
export function normalizeContactDetails(details: ContactDetails): ContactDetails | null {
  const out: ContactDetails = {};
  if (details.phone !== undefined) {
    const phone = normalizeVietnamesePhone(details.phone);
    if (!phone) return null;
    out.phone = phone;
  }
  if (details.email !== undefined) {
    const email = normalizeEmail(details.email);
    if (!email) return null;
    out.email = email;
  }
  return out.phone || out.email ? out : null;
}

/** `+84912***678`, `h***@example.vn`: what an administrator may see of a contact (issue #18 item 8). */
export function maskContact(details: ContactDetails): ContactDetails {
  const out: ContactDetails = {};
  if (details.phone) out.phone = `${details.phone.slice(0, -6)}***${details.phone.slice(-3)}`;
  if (details.email) {
    const at = details.email.lastIndexOf('@');
    out.email = `${details.email.slice(0, 1)}***${details.email.slice(at)}`;
  }
  return out;
}
