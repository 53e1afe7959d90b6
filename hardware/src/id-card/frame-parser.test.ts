import { describe, expect, it } from 'vitest';
import { SamFrameParser, type SamParseEvent } from './frame-parser.js';
import { encodeBaseInfo, encodeResponse, REQUEST_FRAMES, SW3 } from './protocol.js';

const readReply = encodeResponse(
  SW3.OK,
  encodeBaseInfo({
    text: Uint8Array.from({ length: 256 }, (_, i) => i),
    photoWlt: Uint8Array.from({ length: 1024 }, (_, i) => (i * 7) & 0xff),
    fingerprint: null,
  }),
);
const FRAMES: [string, Uint8Array][] = [
  ['find request', REQUEST_FRAMES.findCard],
  ['61 FF request', REQUEST_FRAMES.setMaxRfByte],
  ['find OK', encodeResponse(SW3.FIND_OK, new Uint8Array(4))],
  ['select OK', encodeResponse(SW3.OK, new Uint8Array(8))],
  ['no card', encodeResponse(SW3.FIND_FAILED)],
  ['1295-byte read reply', readReply],
];

const framesOf = (events: SamParseEvent[]): Uint8Array[] =>
  events.filter((e) => e.type === 'frame').map((e) => e.frame);

describe('SamFrameParser', () => {
  it.each(FRAMES)('reassembles %s split at every offset', (_name, frame) => {
    for (let cut = 0; cut <= frame.length; cut++) {
      const p = new SamFrameParser();
      const events = [...p.push(frame.subarray(0, cut)), ...p.push(frame.subarray(cut))];
      // Buffer.equals instead of toEqual: 1296 deep comparisons of a 1295-byte array are slow.
      const ok = events.length === 1 && events[0]!.type === 'frame' && Buffer.from(events[0]!.frame).equals(frame);
      expect(ok, `cut at ${cut}`).toBe(true);
      expect(p.pending).toBe(0);
    }
  });

  it.each(FRAMES.slice(0, 5))(
    'reassembles %s fed one byte at a time and split at every pair of offsets',
    (_n, frame) => {
      const p = new SamFrameParser();
      const one: SamParseEvent[] = [];
      for (const b of frame) one.push(...p.push(Uint8Array.of(b)));
      expect(one).toEqual([{ type: 'frame', frame }]);
      for (let a = 0; a <= frame.length; a++) {
        for (let b = a; b <= frame.length; b++) {
          const q = new SamFrameParser();
          const ev = [...q.push(frame.subarray(0, a)), ...q.push(frame.subarray(a, b)), ...q.push(frame.subarray(b))];
          expect(framesOf(ev)).toEqual([frame]);
        }
      }
    },
  );

  it('finds every frame with garbage before, between and after them, at every split of the stream', () => {
    const garbage = [
      Uint8Array.of(0x00, 0xff, 0x13),
      Uint8Array.of(0xaa, 0xaa), // partial preamble
      Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96), // preamble missing its last byte
      Uint8Array.of(0x96, 0x69, 0xaa),
    ];
    const parts: Uint8Array[] = [];
    FRAMES.forEach(([, f], i) => parts.push(garbage[i % garbage.length]!, f));
    parts.push(Uint8Array.of(0x55, 0xaa));
    const stream = Buffer.concat(parts);
    const want = FRAMES.map(([, f]) => f);
    for (let cut = 0; cut <= stream.length; cut += 7) {
      const p = new SamFrameParser();
      const ev = [...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut))];
      expect(
        ev.every((e) => e.type === 'frame'),
        `cut ${cut}`,
      ).toBe(true);
      const got = framesOf(ev);
      expect(got.length).toBe(want.length);
      expect(
        got.every((f, i) => Buffer.from(f).equals(want[i]!)),
        `cut ${cut}`,
      ).toBe(true);
    }
  });

  it('reports a corrupt frame as an error and still delivers the good frame right after it', () => {
    const bad = Uint8Array.from(encodeResponse(SW3.FIND_OK, new Uint8Array(4)));
    bad[10]! ^= 0x01; // flip a data bit: checksum no longer matches
    const good = encodeResponse(SW3.OK, new Uint8Array(8));
    const stream = Buffer.concat([bad, good]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const p = new SamFrameParser();
      const ev = [...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut))];
      expect(ev).toHaveLength(2);
      expect(ev[0]).toMatchObject({ type: 'corrupt', frame: bad, actual: 0x97 });
      expect(ev[1]).toEqual({ type: 'frame', frame: good });
    }
  });

  it('does not lose a good frame behind a corrupt frame whose length field is damaged', () => {
    const bad = Uint8Array.from(encodeResponse(SW3.FIND_FAILED));
    bad[6] = 0x10; // claims 16 bytes follow, only 4 do
    const good = encodeResponse(SW3.FIND_OK, new Uint8Array(4));
    const filler = encodeResponse(SW3.FIND_FAILED); // more traffic completes the bogus length
    const p = new SamFrameParser();
    const ev = p.push(Buffer.concat([bad, good, filler]));
    expect(ev.map((e) => e.type)).toEqual(['corrupt', 'frame', 'frame']);
    expect(framesOf(ev)).toEqual([good, filler]);
  });

  it('skips a preamble-like run whose length is out of range instead of waiting for 64 KiB', () => {
    const p = new SamFrameParser();
    const good = encodeResponse(SW3.OK);
    const ev = p.push(Buffer.concat([Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, 0xff, 0xff), good]));
    expect(ev).toEqual([{ type: 'frame', frame: good }]);
    expect(p.discardedBytes).toBe(7);
  });

  it('reset() drops a half-received frame', () => {
    const p = new SamFrameParser();
    p.push(readReply.subarray(0, 100));
    expect(p.pending).toBe(100);
    p.reset();
    expect(p.push(REQUEST_FRAMES.findCard)).toEqual([{ type: 'frame', frame: REQUEST_FRAMES.findCard }]);
  });
});
