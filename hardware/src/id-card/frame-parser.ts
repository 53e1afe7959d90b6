import { HEADER_LENGTH, MAX_FRAME_LEN_FIELD, PREAMBLE, xorChecksum } from './protocol.js';

/** One result of feeding bytes to the parser. */
export type SamParseEvent =
  | { type: 'frame'; frame: Uint8Array }
  /** A frame with a sound preamble and length whose checksum does not match. */
  | { type: 'corrupt'; frame: Uint8Array; expected: number; actual: number };

/** Options for {@link SamFrameParser}. */
export interface SamFrameParserOptions {
  /** Largest accepted Len field, default 2314 (the 2321-byte fingerprint reply). Larger values are not frames. */
  maxLenField?: number;
  /** Smallest accepted Len field, default 3 (CMD Para CHK). */
  minLenField?: number;
}

/**
 * Stream parser for SAM frames: finds `AA AA AA 96 69`, reads the big-endian length at +5, waits for 7+len bytes,
 * verifies the XOR. Bytes before a preamble are dropped (counted in `discardedBytes`). After a corrupt frame the
 * search restarts just past that frame's preamble, so a good frame hidden behind a damaged length is not lost.
 */
export class SamFrameParser {
  private buf: Buffer = Buffer.alloc(0);
  private readonly maxLen: number;
  private readonly minLen: number;
  /** Bytes thrown away while looking for a preamble. */
  discardedBytes = 0;

  constructor(options: SamFrameParserOptions = {}) {
    this.maxLen = options.maxLenField ?? MAX_FRAME_LEN_FIELD;
    this.minLen = options.minLenField ?? 3;
  }

  /** Feeds a chunk; returns every complete frame (and corrupt frame) it finished, in order. */
  push(chunk: Uint8Array): SamParseEvent[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : Buffer.from(chunk);
    const events: SamParseEvent[] = [];
    for (;;) {
      const start = this.buf.indexOf(PREAMBLE);
      if (start < 0) {
        // Keep a tail that may be the first bytes of a preamble split across chunks.
        const keep = partialPreambleTail(this.buf);
        this.discardedBytes += this.buf.length - keep;
        this.buf = this.buf.subarray(this.buf.length - keep);
        return events;
      }
      if (start > 0) {
        this.discardedBytes += start;
        this.buf = this.buf.subarray(start);
      }
      if (this.buf.length < HEADER_LENGTH) return events;
      const len = this.buf.readUInt16BE(5);
      if (len < this.minLen || len > this.maxLen) {
        // Not a real frame start (e.g. a preamble-like run inside garbage): skip its first byte and search on.
        this.discardedBytes += 1;
        this.buf = this.buf.subarray(1);
        continue;
      }
      const total = HEADER_LENGTH + len;
      if (this.buf.length < total) return events;
      const frame = Uint8Array.from(this.buf.subarray(0, total));
      const expected = xorChecksum(frame);
      const actual = frame[total - 1]!;
      if (expected === actual) {
        events.push({ type: 'frame', frame });
        this.buf = this.buf.subarray(total);
      } else {
        events.push({ type: 'corrupt', frame, expected, actual });
        this.buf = this.buf.subarray(1);
      }
    }
  }

  /** Drops buffered bytes (e.g. after a command timed out). */
  reset(): void {
    this.discardedBytes += this.buf.length;
    this.buf = Buffer.alloc(0);
  }

  /** Bytes currently held waiting for the rest of a frame. */
  get pending(): number {
    return this.buf.length;
  }
}

function partialPreambleTail(buf: Buffer): number {
  for (let n = Math.min(PREAMBLE.length - 1, buf.length); n > 0; n--) {
    let match = true;
    for (let i = 0; i < n; i++) {
      if (buf[buf.length - n + i] !== PREAMBLE[i]) {
        match = false;
        break;
      }
    }
    if (match) return n;
  }
  return 0;
}
