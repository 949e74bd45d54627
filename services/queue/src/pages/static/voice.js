// Spoken calls from recorded clips (issue #17 item 4). Pure: no DOM, so the unit spec runs it as it ships.
//
// A call is read "Mời công dân có số A không không bảy đến quầy số một": the ticket number letter by letter
// and digit by digit, as it is printed (A007 is "A không không bảy", never "A bảy": the zeros are part of what
// the citizen reads on the slip), and the counter as a number in words ("quầy số mười hai"), as offices say it.
// Counter numbers that are not 1..99 (e.g. "A2") are read character by character. docs/domain.md §Spoken calls.

const DIGITS = [
  'digit_0',
  'digit_1',
  'digit_2',
  'digit_3',
  'digit_4',
  'digit_5',
  'digit_6',
  'digit_7',
  'digit_8',
  'digit_9',
];

/** Clip names of one character: letters A–Z (Đ read as D), digits; anything else is silent. */
function charClips(ch) {
  const c = ch.toLowerCase() === 'đ' ? 'd' : ch.toLowerCase();
  if (/^[a-z]$/.test(c)) return [`letter_${c}`];
  if (/^[0-9]$/.test(c)) return [DIGITS[Number(c)]];
  return [];
}

/** A ticket number as printed, character by character: "A007" → letter_a digit_0 digit_0 digit_7. */
export function numberClips(number) {
  return [...String(number ?? '')].flatMap(charClips);
}

/**
 * 1..99 in Vietnamese words: 10 "mười", 15 "mười lăm", 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm",
 * 30 "ba mươi"; 1..9 as the digit.
 */
export function numberWordClips(n) {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`not 1..99: ${n}`);
  if (n < 10) return [DIGITS[n]];
  const tens = Math.floor(n / 10);
  const unit = n % 10;
  const head = tens === 1 ? ['muoi'] : [DIGITS[tens], 'muoi_tens'];
  if (unit === 0) return head;
  if (unit === 5) return [...head, 'lam'];
  if (unit === 1 && tens > 1) return [...head, 'mot_sac'];
  if (unit === 4 && tens > 1) return [...head, 'tu'];
  return [...head, DIGITS[unit]];
}

/** A counter number: 1..99 (leading zeros dropped) in words, anything else character by character. */
export function counterClips(counterNo) {
  const text = String(counterNo ?? '');
  if (/^\d{1,2}$/.test(text) && Number(text) >= 1) return numberWordClips(Number(text));
  return [...text].flatMap(charClips);
}

/** The whole call, in the order the clips are played after the chime. */
export function callClips(call) {
  return ['moi_cong_dan_co_so', ...numberClips(call.number), 'den_quay_so', ...counterClips(call.counterNo)];
}

/** The same call as text, for the browser's speech synthesis where a Vietnamese voice exists. */
export function callText(call) {
  const digits = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
  const number = [...String(call.number ?? '')].map((c) => (/\d/.test(c) ? digits[Number(c)] : c)).join(' ');
  return `Mời công dân có số ${number} đến quầy số ${call.counterNo}`;
}
