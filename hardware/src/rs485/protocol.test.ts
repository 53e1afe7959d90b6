import { describe, expect, it } from 'vitest';
import { PAD_KEYS } from '@onedoor/protocol';
import {
  Rs485FrameParser,
  beepFrame,
  checksum,
  decodeFrame,
  decodeHostCommand,
  decodePadKey,
  encodeFrame,
  hostReplyTo,
  padKeyData,
  ratingLevel,
  ratingValue,
  showNumberFrame,
  showWaitingFrame,
  starLevelFrame,
  startEvaluationFrame,
  ticketDigits,
  type ParseEvent,
} from './protocol.js';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(' ');

describe('FF 68 frame encoding (reference host bytes)', () => {
  it('show ticket 012 at address 3: `02` + `0A 0A 0A 00 01 02`, LEN 08, SUM = addr+2+digits', () => {
    // SendTicket(): send[13] = (adress + 2 + tfir + tsec + tthr + 0x0A*3) % 256 = 3+2+0+1+2+30 = 0x26
    expect(toHex(showNumberFrame(3, 'A012'))).toBe('FF 68 08 08 68 03 02 0A 0A 0A 00 01 02 26 16');
  });

  it('show waiting 42 at address 7: digits first, blanks after', () => {
    // 7 + 2 + 0 + 4 + 2 + 30 = 45 = 0x2D
    expect(toHex(showWaitingFrame(7, 42))).toBe('FF 68 08 08 68 07 02 00 04 02 0A 0A 0A 2D 16');
    expect(toHex(showWaitingFrame(7, 12345))).toBe('FF 68 08 08 68 07 02 09 09 09 0A 0A 0A 42 16'); // 7+2+27+30 = 0x42
  });

  it('beep: CMD 03, LEN 02, SUM = addr + 3', () => {
    expect(toHex(beepFrame(5))).toBe('FF 68 02 02 68 05 03 08 16');
    expect(toHex(beepFrame(0xfe))).toBe('FF 68 02 02 68 FE 03 01 16'); // (0xFE + 3) mod 256
  });

  it('start evaluation `01 0B` and star level `02 05`', () => {
    expect(toHex(startEvaluationFrame(1))).toBe('FF 68 03 03 68 01 01 0B 0D 16');
    expect(toHex(starLevelFrame(1, 5))).toBe('FF 68 03 03 68 01 02 05 08 16');
  });

  it('SUM wraps mod 256', () => {
    expect(checksum(0xff, 0x02, [0x0a, 0x0a, 0x0a, 9, 9, 9])).toBe((0xff + 2 + 30 + 27) % 256);
  });

  it('rejects out-of-range values', () => {
    expect(() => encodeFrame({ address: 256, cmd: 1 })).toThrow(RangeError);
    expect(() => encodeFrame({ address: 1, cmd: 1, data: new Uint8Array(254) })).toThrow(/too long/);
  });
});

describe('host replies', () => {
  it('echoes a pad key frame unchanged', () => {
    const key = hex('FF 68 03 03 68 03 01 0C 10 16');
    const decoded = decodeFrame(key);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(toHex(hostReplyTo(decoded.frame))).toBe(toHex(key));
  });

  it('answers an evaluator rating (CMD 11) with CMD 01 and SUM − 0x10', () => {
    const rating = hex('FF 68 03 03 68 10 11 02 23 16');
    const decoded = decodeFrame(rating);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(toHex(hostReplyTo(decoded.frame))).toBe('FF 68 03 03 68 10 01 02 13 16');
  });
});

describe('decodeFrame checks (as the reference host)', () => {
  it('rejects len1 ≠ len2', () => {
    expect(decodeFrame(hex('FF 68 03 04 68 03 01 0C 10 16'))).toEqual({ ok: false, reason: 'length-mismatch' });
  });
  it('rejects len ≤ 2 and len > 5 from devices, but accepts them from the host', () => {
    expect(decodeFrame(hex('FF 68 02 02 68 05 03 08 16'))).toEqual({ ok: false, reason: 'length-out-of-range' });
    expect(decodeFrame(showNumberFrame(3, '012'))).toEqual({ ok: false, reason: 'length-out-of-range' });
    expect(decodeFrame(showNumberFrame(3, '012'), 'host').ok).toBe(true);
    expect(decodeFrame(beepFrame(5), 'host').ok).toBe(true);
  });
  it('rejects a bad SUM and a bad end byte', () => {
    expect(decodeFrame(hex('FF 68 03 03 68 03 01 0C 11 16'))).toEqual({ ok: false, reason: 'bad-checksum' });
    expect(decodeFrame(hex('FF 68 03 03 68 03 01 0C 10 17'))).toEqual({ ok: false, reason: 'bad-end' });
  });
});

describe('keys', () => {
  it.each([
    ['0C', 'call-next'],
    ['0D', 'recall'],
    ['0B', 'start-evaluation'],
    ['12', 'pause'],
    ['13', 'transfer'],
    ['06 0F', 'no-show'],
    ['00 0F', 'suspend'],
    ['03 0F', 'resume'],
  ] as const)('data %s → %s', (data, key) => {
    expect(decodePadKey(hex(data))).toBe(key);
  });

  it('ignores unused keys and a bare or unknown confirm', () => {
    expect(decodePadKey(hex('0E'))).toBeNull();
    expect(decodePadKey(hex('11'))).toBeNull();
    expect(decodePadKey(hex('0F'))).toBeNull();
    expect(decodePadKey(hex('05 0F'))).toBeNull();
    expect(decodePadKey(hex('01 06 0F'))).toBeNull();
  });

  it('padKeyData round-trips for every key the pad has', () => {
    for (const key of PAD_KEYS) {
      const data = padKeyData(key);
      if (data === null) expect(key).toBe('finish');
      else expect(decodePadKey(Uint8Array.from(data))).toBe(key);
    }
  });
});

describe('ratings', () => {
  it('maps the 4-key evaluator values to levels and back, with value 4 for 非常不满意 (all five levels)', () => {
    expect([0, 1, 2, 3, 4].map((v) => ratingLevel(v))).toEqual([2, 3, 4, 5, 1]);
    expect(ratingLevel(9)).toBeNull();
    expect(ratingValue(5)).toBe(3);
    expect(ratingValue(1)).toBe(4);
    for (const level of [1, 2, 3, 4, 5] as const) expect(ratingLevel(ratingValue(level)!)).toBe(level);
    expect(ratingLevel(4, { 0: 1, 1: 2, 2: 3, 3: 4, 4: 5 })).toBe(5);
  });
});

describe('ticketDigits and host command decoding', () => {
  it('takes the last three digits, blank-padded', () => {
    expect(ticketDigits('A012')).toEqual([0, 1, 2]);
    expect(ticketDigits('B1234')).toEqual([2, 3, 4]);
    expect(ticketDigits('A5')).toEqual([0x0a, 0x0a, 5]);
  });

  it('decodes what the host sends', () => {
    const read = (bytes: Uint8Array) => {
      const r = decodeFrame(bytes, 'host');
      if (!r.ok) throw new Error(r.reason);
      return decodeHostCommand(r.frame);
    };
    expect(read(showNumberFrame(3, 'A012'))).toEqual({ type: 'number', digits: '012' });
    expect(read(showNumberFrame(3, 'A5'))).toEqual({ type: 'number', digits: '5' });
    expect(read(showWaitingFrame(3, 7))).toEqual({ type: 'waiting', count: 7 });
    expect(read(beepFrame(3))).toEqual({ type: 'beep' });
    expect(read(startEvaluationFrame(3))).toEqual({ type: 'start-evaluation' });
    expect(read(starLevelFrame(3, 4))).toEqual({ type: 'star-level', level: 4 });
  });
});

describe('Rs485FrameParser', () => {
  const frames = [
    hex('FF 68 03 03 68 03 01 0C 10 16'), // pad 3: call next
    hex('FF 68 04 04 68 04 01 06 0F 1A 16'), // pad 4: 06 + confirm (no-show)
    hex('FF 68 03 03 68 10 11 02 23 16'), // evaluator 0x10: value 2
  ];
  const stream = Uint8Array.from(frames.flatMap((f) => [...f]));
  const framesOf = (events: ParseEvent[]) => events.filter((e) => e.type === 'frame').map((e) => toHex(e.raw));

  it('reassembles frames split at every offset', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const p = new Rs485FrameParser();
      const events = [...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut))];
      expect(framesOf(events), `cut at ${cut}`).toEqual(frames.map(toHex));
    }
  });

  it('reassembles frames fed one byte at a time', () => {
    const p = new Rs485FrameParser();
    const events = Array.from(stream).flatMap((b) => p.push(Uint8Array.of(b)));
    expect(framesOf(events)).toEqual(frames.map(toHex));
  });

  it('resyncs after garbage, stray FF, a corrupt frame and a false head', () => {
    const corrupt = hex('FF 68 03 03 68 03 01 0C 99 16'); // bad SUM
    const garbage = hex('00 FF 12 FF FF 68 07 07 68'); // stray bytes and a head with LEN 7 (out of range)
    const input = Uint8Array.from([
      ...garbage,
      ...frames[0]!,
      ...corrupt,
      0x16,
      0xff,
      ...frames[1]!,
      0x55,
      ...frames[2]!,
    ]);
    for (let cut = 0; cut <= input.length; cut++) {
      const p = new Rs485FrameParser();
      const events = [...p.push(input.subarray(0, cut)), ...p.push(input.subarray(cut))];
      expect(framesOf(events), `cut at ${cut}`).toEqual(frames.map(toHex));
      const errors = events.filter((e) => e.type === 'error').map((e) => e.type === 'error' && e.reason);
      expect(errors).toEqual(['length-out-of-range', 'bad-checksum']);
    }
  });

  it('finds a frame hidden inside a rejected candidate', () => {
    // A false head whose LEN claims 5 swallows the start of a real frame; the real frame must still come out.
    const input = Uint8Array.from([0xff, 0x68, 0x05, 0x05, 0x68, ...frames[0]!]);
    const p = new Rs485FrameParser();
    expect(framesOf(p.push(input))).toEqual([toHex(frames[0]!)]);
  });

  it('reads host frames when told the origin is the host', () => {
    const p = new Rs485FrameParser({ origin: 'host' });
    const bytes = Uint8Array.from([...showNumberFrame(3, '012'), ...beepFrame(3)]);
    expect(p.push(bytes).filter((e) => e.type === 'frame')).toHaveLength(2);
  });
});
