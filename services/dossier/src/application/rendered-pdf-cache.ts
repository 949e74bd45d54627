import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';

/** PDFs kept; an apology letter is 30–60 KB, so the cache holds a few MB at most. */
const MAX_ENTRIES = 200;

interface Entry {
  fingerprint: string;
  pdf: Promise<Buffer>;
}

/** A stable digest of what a letter shows (Dates as ISO strings): equal inputs, equal PDF. */
export const fingerprintOf = (letter: object): string =>
  createHash('sha256').update(JSON.stringify(letter)).digest('base64url');

/**
 * Rendered letters, so that a PDF costs its ~100 ms of CPU once, not on every download (40 parallel
 * downloads delayed every other request by 0.2–0.45 s, issue #16 row 14). An entry is keyed by what the letter
 * is (e.g. the dossier's apology and the template version) and remembers the fingerprint of the inputs it was
 * drawn from: when they change (the dossier moved on, a unit was renamed, personal data was erased) the next
 * request draws it again and replaces it, so the cache never serves a letter the data no longer gives.
 * Concurrent requests for one letter share one rendering; a failed one is forgotten. At most MAX_ENTRIES,
 * least recently used first out. Per instance, in memory: a restart renders each letter once more.
 */
@Injectable()
export class RenderedPdfCache {
  private readonly entries = new Map<string, Entry>();
  private renderCount = 0;

  /** The PDF for `key` drawn from inputs with `fingerprint`, rendering it only when not already at hand. */
  pdf(key: string, fingerprint: string, render: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.entries.get(key);
    if (known && known.fingerprint === fingerprint) {
      this.entries.delete(key); // re-inserted last: the Map's order is the recency order
      this.entries.set(key, known);
      return known.pdf;
    }
    this.renderCount++;
    const entry: Entry = { fingerprint, pdf: render() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.pdf.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    return entry.pdf;
  }

  /** Renderings started so far (metrics, tests). */
  get renders(): number {
    return this.renderCount;
  }
}
