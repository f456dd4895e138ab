// A streaming reader of manifest.json, so importing a bundle of 10,000 documents never holds the
// whole manifest (its bytes, its text and its parsed objects: ~10 KB per document in memory) at
// once. The manifest stays one ordinary JSON object (docs/bundle-format.md); the scanner walks its
// bytes, hands each top-level member that is not one of the big arrays to onHead, and each element
// of `documents`, `tags`, `relations` and `entries` to onElement as soon as it is complete, parsed
// on its own with JSON.parse. Only the structure between those pieces is checked here (brackets,
// commas, keys); everything inside a piece is JSON.parse's. Bytes, not characters: the structural
// characters are ASCII and never occur inside a UTF-8 multi-byte sequence, and a piece is decoded
// whole, so a character split across chunks is decoded right.

export const MANIFEST_ARRAYS = ['documents', 'tags', 'relations', 'entries'] as const;
export type ManifestArray = (typeof MANIFEST_ARRAYS)[number];
const STREAMED = new Set<string>(MANIFEST_ARRAYS);

export interface ManifestScanHandlers {
  /** A top-level member other than the streamed arrays (format, title, …), or one of them that is not an array. */
  onHead?(key: string, value: unknown): void;
  /** One element of a streamed top-level array, in order. */
  onElement?(array: ManifestArray, value: unknown, index: number): void;
}

/** The manifest is not well-formed JSON (or not one object): the caller says "not JSON". */
export class ManifestSyntaxError extends Error {}
/** The manifest is JSON but not an object: not a bundle manifest at all. */
export class ManifestNotObjectError extends Error {}
/** The same top-level key twice (JSON.parse would silently keep the last): refused. */
export class ManifestDuplicateKeyError extends Error {}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const COMMA = 0x2c;

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;
}

const KEY_BEFORE_ARRAY = /^\s*("(?:[^"\\]|\\.)*")\s*:\s*$/s;

/** The streamed array a member's text before its "[" names, if any. */
function streamedKey(prefix: string): ManifestArray | null {
  const m = KEY_BEFORE_ARRAY.exec(prefix);
  if (!m) return null;
  try {
    const key = JSON.parse(m[1]!) as string;
    return STREAMED.has(key) ? (key as ManifestArray) : null;
  } catch {
    return null; // not a valid key: the member's own parse reports it
  }
}

export class ManifestScanner {
  private depth = 0;
  private inString = false;
  private escape = false;
  private started = false;
  private done = false;
  /** Bytes of the piece being read (a member at depth 1, an element at depth 2), from earlier chunks. */
  private parts: Buffer[] = [];
  private partBytes = 0;
  private array: ManifestArray | null = null;
  private index = 0;
  /** After a streamed array's "]": only white space may follow before "," or "}". */
  private afterArray = false;
  private members = 0;
  private readonly keys = new Set<string>();
  /** The streamed arrays met as arrays. */
  readonly arraysSeen = new Set<ManifestArray>();

  /** Inside an array whose elements nobody wants: its bytes are walked, not kept or parsed. */
  private skipping = false;

  constructor(
    private readonly handlers: ManifestScanHandlers,
    /** Largest single piece (one document's element, one head member) in bytes. */
    private readonly maxPieceBytes: number,
    /** The arrays whose elements are wanted (all when absent): a later pass over a checked copy reads only what it needs. */
    private readonly only?: ReadonlySet<ManifestArray>,
  ) {}

  push(chunk: Buffer): void {
    let start = 0; // where the current piece's bytes begin in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) this.escape = true;
        else if (b === QUOTE) this.inString = false;
        continue;
      }
      if (!this.started) {
        if (isSpace(b)) continue;
        if (b !== OPEN_BRACE) throw new ManifestNotObjectError('manifest.json is not a JSON object');
        this.started = true;
        this.depth = 1;
        start = i + 1;
        continue;
      }
      if (this.done) {
        if (isSpace(b)) continue;
        throw new ManifestSyntaxError('unexpected data after the manifest object');
      }
      switch (b) {
        case QUOTE:
          this.inString = true;
          break;
        case OPEN_BRACKET:
          if (this.depth === 1 && this.array === null && !this.afterArray) {
            const prefix = this.piece(chunk, start, i);
            const key = streamedKey(prefix);
            if (key !== null) {
              this.noteKey(key);
              this.array = key;
              this.skipping = this.only !== undefined && !this.only.has(key);
              this.arraysSeen.add(key);
              this.index = 0;
              this.depth = 2;
              start = i + 1;
              break;
            }
            // Not streamed: the member is read whole, so give back what was taken.
            this.keep(Buffer.from(prefix, 'utf8'));
            start = i;
          }
          this.depth++;
          break;
        case OPEN_BRACE:
          this.depth++;
          break;
        case CLOSE_BRACKET:
        case CLOSE_BRACE:
          if (this.depth === 2 && this.array !== null) {
            if (b !== CLOSE_BRACKET) throw new ManifestSyntaxError(`"}" closes the ${this.array} array`);
            this.element(this.piece(chunk, start, i), true);
            this.array = null;
            this.skipping = false;
            this.afterArray = true;
            this.depth = 1;
            start = i + 1;
          } else if (this.depth === 1) {
            if (b !== CLOSE_BRACE) throw new ManifestSyntaxError('"]" closes the manifest object');
            this.member(this.piece(chunk, start, i), true);
            this.depth = 0;
            this.done = true;
          } else {
            this.depth--;
          }
          break;
        case COMMA:
          if (this.depth === 1) {
            this.member(this.piece(chunk, start, i), false);
            start = i + 1;
          } else if (this.depth === 2 && this.array !== null) {
            this.element(this.piece(chunk, start, i), false);
            start = i + 1;
          }
          break;
        default:
          break;
      }
    }
    if (this.started && !this.done) this.keep(chunk.subarray(start));
  }

  /** The end of the manifest's bytes. */
  end(): void {
    if (!this.started) throw new ManifestSyntaxError('manifest.json is empty');
    if (!this.done) throw new ManifestSyntaxError('unexpected end of manifest.json');
  }

  private keep(bytes: Buffer): void {
    if (bytes.length === 0 || this.skipping) return;
    this.partBytes += bytes.length;
    if (this.partBytes > this.maxPieceBytes) throw new ManifestSyntaxError('a manifest entry is too large');
    // A copy: the caller may reuse its chunk buffer (synchronous reads).
    this.parts.push(Buffer.from(bytes));
  }

  private reset(): void {
    this.parts = [];
    this.partBytes = 0;
  }

  /** The current piece's text: earlier chunks' bytes and this chunk's up to `end`; the piece is then empty. */
  private piece(chunk: Buffer, start: number, end: number): string {
    if (this.skipping) return '';
    const tail = chunk.subarray(start, end);
    const text =
      this.parts.length === 0 ? tail.toString('utf8') : Buffer.concat([...this.parts, tail]).toString('utf8');
    this.reset();
    return text;
  }

  private noteKey(key: string): void {
    if (this.keys.has(key)) throw new ManifestDuplicateKeyError(`manifest.json: "${key.slice(0, 80)}" twice`);
    this.keys.add(key);
  }

  private member(text: string, closing: boolean): void {
    if (this.afterArray) {
      this.afterArray = false;
      if (text.trim() !== '') throw new ManifestSyntaxError('unexpected data after an array');
      this.members++;
      return;
    }
    if (text.trim() === '') {
      if (closing && this.members === 0) return; // {}
      throw new ManifestSyntaxError('empty member in the manifest object');
    }
    let obj: Record<string, unknown>;
    try {
      obj = JSON.parse(`{${text}}`) as Record<string, unknown>;
    } catch (e) {
      throw new ManifestSyntaxError((e as Error).message);
    }
    const keys = Object.keys(obj);
    if (keys.length !== 1) throw new ManifestSyntaxError('malformed member in the manifest object');
    const key = keys[0]!;
    this.noteKey(key);
    this.members++;
    this.handlers.onHead?.(key, obj[key]);
  }

  private element(text: string, closing: boolean): void {
    if (this.skipping) return;
    if (text.trim() === '') {
      if (closing && this.index === 0) return; // []
      throw new ManifestSyntaxError(`empty element in ${this.array}`);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new ManifestSyntaxError((e as Error).message);
    }
    this.handlers.onElement?.(this.array!, value, this.index++);
  }
}
