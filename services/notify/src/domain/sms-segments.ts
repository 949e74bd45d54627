/*
 * How many SMS segments a text costs (3GPP TS 23.038 / 23.040). A text made only of the GSM 03.38 default
 * alphabet (plus its extension table, whose characters take two septets) travels as GSM-7: 160 septets in one
 * segment, 153 per segment once it is split (the user-data header takes 7). Anything else, e.g. Vietnamese
 * letters with diacritics beyond the few the alphabet has, travels as UCS-2: 70 UTF-16 units in one segment,
 * 67 per segment when split.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';
const BASIC = new Set(GSM7_BASIC);
const EXTENSION = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM7' | 'UCS2';

export interface SmsSize {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) of the whole text. */
  units: number;
  segments: number;
}

export const GSM7_SINGLE = 160;
export const GSM7_MULTI = 153;
export const UCS2_SINGLE = 70;
export const UCS2_MULTI = 67;

/** GSM-7 septets of `text`, or null when a character is outside the alphabet and its extension. */
export function gsm7Septets(text: string): number | null {
  let septets = 0;
  for (const ch of text) {
    if (BASIC.has(ch)) septets += 1;
    else if (EXTENSION.has(ch)) septets += 2;
    else return null;
  }
  return septets;
}

/** Segments of a text; an empty text still costs one segment. */
export function smsSize(text: string): SmsSize {
  const septets = gsm7Septets(text);
  if (septets !== null)
    return {
      encoding: 'GSM7',
      units: septets,
      segments: septets <= GSM7_SINGLE ? 1 : Math.ceil(septets / GSM7_MULTI),
    };
  const units = text.length; // UTF-16 code units: a character outside the BMP takes two
  return { encoding: 'UCS2', units, segments: units <= UCS2_SINGLE ? 1 : Math.ceil(units / UCS2_MULTI) };
}
