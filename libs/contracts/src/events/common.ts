import { IsIn, Matches } from 'class-validator';
import { UNIT_CODE_PATTERN } from '../unit-code';

export const PRIORITIES = ['NONE', 'ELDERLY', 'DISABLED', 'PREGNANT', 'CHILD', 'VETERAN', 'OTHER'] as const;
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
