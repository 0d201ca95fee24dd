/*
 * Source files and position mapping.
 * Input: a path and its text. Output: 1-based {line, column} for any UTF-16 offset,
 * computed from a precomputed line-start table only when a diagnostic is rendered.
 */

/** Position is a 1-based line and 1-based column (columns count UTF-16 code units). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

/** SourceFile holds one input's text and lazily maps offsets to positions. */
export class SourceFile {
  readonly path: string;
  readonly text: string;
  #lineStarts: number[] | undefined;

  constructor(path: string, text: string) {
    this.path = path;
    this.text = text;
  }

  /** lineStarts returns the offsets at which each line begins. */
  get lineStarts(): readonly number[] {
    if (this.#lineStarts === undefined) {
      const starts = [0];
      const t = this.text;
      for (let i = 0; i < t.length; i++) {
        const c = t.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13 && t.charCodeAt(i + 1) !== 10) starts.push(i + 1);
      }
      this.#lineStarts = starts;
    }
    return this.#lineStarts;
  }

  /** positionAt converts a UTF-16 offset into a 1-based line and column. */
  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }
}
