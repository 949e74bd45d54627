/** National unit codes where they exist, but any string of letters, digits, dots and dashes (up to 32). */
export const UNIT_CODE_PATTERN = /^[A-Za-z0-9.-]{1,32}$/;
export const UNIT_LEVELS = ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];
