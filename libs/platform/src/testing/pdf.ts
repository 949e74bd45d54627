// pdf-parse's index runs a self-test when required directly; the library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse: (data: Buffer) => Promise<{ text: string }> = require('pdf-parse/lib/pdf-parse.js');

/** A PDF's text with runs of white space as one space, as pdf-parse extracts it (read bodies with binaryBody). */
export const pdfText = async (pdf: Buffer): Promise<string> =>
  (await pdfParse(pdf)).text.replace(/\s+/g, ' ');
