import { IsIn, Matches, type ValidationOptions } from 'class-validator';
import { UNIT_CODE_PATTERN } from '../unit-code';

/** Ticket priorities; APPOINTMENT is a checked-in booking (issue #19), the others walk-in classes. */
export const PRIORITIES = [
  'NONE',
  'ELDERLY',
  'DISABLED',
  'PREGNANT',
  'CHILD',
  'VETERAN',
  'OTHER',
  'APPOINTMENT',
] as const;
export type Priority = (typeof PRIORITIES)[number];

export const DOSSIER_CHANNELS = ['COUNTER', 'ONLINE', 'POSTAL', 'HOME'] as const;
export type DossierChannel = (typeof DOSSIER_CHANNELS)[number];

export const TIMELINESS = ['EARLY', 'ON_TIME', 'LATE'] as const;
export type TimelinessValue = (typeof TIMELINESS)[number];

export const SURVEY_CHANNELS = ['TABLET', 'KIOSK', 'WEB', 'PAPER'] as const;
export type SurveyChannel = (typeof SURVEY_CHANNELS)[number];

/** Decorator for a field holding a unit code. */
export const IsUnitCode = () =>
  Matches(UNIT_CODE_PATTERN, { message: '$property must be 1-32 letters, digits, dots or dashes' });
export const IsOneOf = (values: readonly string[]) =>
  IsIn(values as string[], { message: `$property must be one of ${values.join(', ')}` });

/*
 * No free text in events (issue #16 row 5): every string field of a contract is an id, a code, a date or an
 * enum. Codes and ids are single tokens, so a sentence, a spaced phone number ("0912 345 678", "+84 912…"),
 * an e-mail address or an address line cannot pass. A unit test walks every publishable contract
 * and fails on a string property without one of these constraints (no-free-text.unit.spec.ts).
 */
/** A code (service, counter, procedure, scheme, ticket number…): letters, digits and `._:-`, no spaces. */
export const IsCode = (min: number, max: number, options: ValidationOptions = {}) =>
  Matches(new RegExp(`^[A-Za-z0-9._:-]{${min},${max}}$`), {
    message: `$property must be a code of ${min}-${max} letters, digits, dots, underscores, colons or dashes`,
    ...options,
  });
/**
 * An actor id (the token subject): a single token of letters, digits and `._:|-`. An e-mail address is not
 * an id: a subject holding one could not be published (the service answers with the contract violation).
 */
export const ACTOR_ID_PATTERN = /^[A-Za-z0-9._:|-]{1,64}$/;
export const IsActorId = () =>
  Matches(ACTOR_ID_PATTERN, {
    message: '$property must be an id of 1-64 letters, digits, dots, underscores, colons, bars or dashes',
  });
/**
 * The public name of an administrative unit ("UBND phường Bến Nghé"): the one free-form string a contract
 * carries, because the registry of units is public. Still no contact data: no `@` or `+`, and no run of six
 * or more digits (spaced or not), the shape of a phone or ID number.
 */
export const PUBLIC_UNIT_NAME_PATTERN = /^(?!.*[@+])(?!.*\d(?:[\s.-]?\d){5})\S(?:.{0,198}\S)?$/u;
export const IsPublicUnitName = () =>
  Matches(PUBLIC_UNIT_NAME_PATTERN, {
    message: '$property must be a unit name without e-mail addresses, phone or ID numbers',
  });
