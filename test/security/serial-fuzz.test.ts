/**
 * Serial frames from the hall's wires (issue 12: fuzz runs of at least 10,000 inputs per edge). Each stream parser —
 * the ID-card reader's SAM frames, the RS-485 call pads and evaluators, the Onbon LED boards — is fed 10,000 random
 * streams: garbage, real frames, real frames with one byte flipped, all cut into random chunks. None may throw, every
 * frame it hands on must be one its decoder accepts, and a real frame after the noise is still found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SamFrameParser, samProtocol } from '@onedoor/hardware/id-card';
import { rs485Protocol } from '@onedoor/hardware/rs485';
import { onbonProtocol } from '@onedoor/hardware/onbon';

const RUNS = 10_000;

/** A stream of pieces: noise, a real frame or a real frame with one byte flipped; re-cut at random places. */
function stream(frame: fc.Arbitrary<Uint8Array>): fc.Arbitrary<{ chunks: Uint8Array[] }> {
  const piece = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    frame,
    fc.tuple(frame, fc.nat(), fc.integer({ min: 1, max: 255 })).map(([f, at, x]) => {
      const i = at % f.length;
      return Uint8Array.from(f, (b, j) => (j === i ? b ^ x : b));
    }),
  );
  return fc
    .tuple(fc.array(piece, { maxLength: 12 }), fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1 }))
    .map(([pieces, cuts]) => {
      const all = Uint8Array.from(pieces.flatMap((p) => [...p]));
      const chunks: Uint8Array[] = [];
      for (let at = 0, i = 0; at < all.length; i++) {
        const size = cuts[i % cuts.length]!;
        chunks.push(all.subarray(at, at + size));
        at += size;
      }
      return { chunks };
    });
}

describe('serial parsers under 10,000 random streams each', () => {
  it('ID-card reader (SAM): never throws, passes on only frames with a sound checksum', () => {
    const frame = fc
      .tuple(fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 40 }))
      .map(([sw3, data]) => samProtocol.encodeResponse(sw3, data));
    const good = samProtocol.encodeResponse(0x90, Uint8Array.of(1, 2, 3));
    fc.assert(
      fc.property(stream(frame), ({ chunks }) => {
        const parser = new SamFrameParser();
        const out = chunks.flatMap((c) => parser.push(c));
        for (const e of out) if (e.type === 'frame') expect(samProtocol.checkFrame(e.frame)).toBeNull();
        // A real frame after the noise is found, however the noise ended (within a full frame's length of it).
        const after = parser.push(Uint8Array.from([...new Uint8Array(samProtocol.MAX_FRAME_LEN_FIELD + 8), ...good]));
        expect(after.some((e) => e.type === 'frame' && Buffer.from(e.frame).equals(Buffer.from(good)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('RS-485 pads and evaluators: never throws, every frame decodes on its own', () => {
    const frame = fc
      .tuple(fc.integer({ min: 1, max: 250 }), fc.integer({ min: 0, max: 255 }), fc.uint8Array({ maxLength: 16 }))
      .map(([address, cmd, data]) => rs485Protocol.encodeFrame({ address, cmd, data }));
    const good = rs485Protocol.encodeFrame({ address: 7, cmd: 0x21, data: [1, 2] });
    fc.assert(
      fc.property(stream(frame), ({ chunks }) => {
        const parser = new rs485Protocol.Rs485FrameParser({ origin: 'host' });
        for (const e of chunks.flatMap((c) => parser.push(c)))
          if (e.type === 'frame') expect(rs485Protocol.decodeFrame(e.raw, 'host').ok).toBe(true);
        // A real frame after the noise is found (the padding completes any half-read candidate before it).
        const after = parser.push(Uint8Array.from([...good, ...new Uint8Array(300)]));
        expect(after.some((e) => e.type === 'frame' && Buffer.from(e.raw).equals(Buffer.from(good)))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('Onbon LED boards: never throws, every packet decodes, a real packet after the noise is found', () => {
    const frame = fc
      .tuple(fc.integer({ min: 0, max: 0xffff }), fc.uint8Array({ minLength: 1, maxLength: 32 }))
      .map(([dst, data]) => onbonProtocol.encodeFrame({ dst }, data));
    const good = onbonProtocol.encodeFrame({ dst: 1 }, [0x10, 0x20]);
    fc.assert(
      fc.property(stream(frame), ({ chunks }) => {
        const parser = new onbonProtocol.OnbonFrameParser();
        for (const e of chunks.flatMap((c) => parser.push(c)))
          if (e.type === 'packet') expect(onbonProtocol.decodePacket(onbonProtocol.unescape(e.raw)!).ok).toBe(true);
        // A5 always starts a frame, so no noise before it can swallow the next real one.
        const after = parser.push(good);
        expect(after.map((e) => (e.type === 'packet' ? [...e.packet.data] : e.reason))).toEqual([[0x10, 0x20]]);
      }),
      { numRuns: RUNS },
    );
  });
});
