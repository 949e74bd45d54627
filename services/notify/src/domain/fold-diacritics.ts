/**
 * Vietnamese without diacritics ("Đến lượt bạn" → "Den luot ban"), the way SMS are commonly written so that a
 * text fits GSM-7 (160 characters a segment instead of 70). Letters only lose their marks; đ/Đ become d/D
 * (they are distinct letters, not a base letter with a combining mark, so NFD leaves them alone).
 */
export function foldDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}
