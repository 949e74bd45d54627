import { foldDiacritics } from './fold-diacritics';

/**
 * Whether a citizen's SMS reply asks to stop messages: "TU CHOI" as the reply's words, in any case, with or
 * without diacritics ("Từ chối"), surrounded by spaces or punctuation; "TUCHOI" too, since phone keyboards
 * drop spaces. Anything else (a question, "khong tu choi") is not an opt-out.
 */
export function isOptOutReply(text: string): boolean {
  const words = foldDiacritics(text)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
  return words === 'TU CHOI' || words === 'TUCHOI';
}
