import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Command,
  OnbonFrameParser,
  ackData,
  crc16,
  decodeDynamicArea,
  decodeReply,
  describeCmdError,
  encodeDynamicArea,
  encodeFrame,
  encodeGb2312,
  encodePacket,
  encodeRequest,
  escape,
  nackData,
  unescape,
  type OnbonParseEvent,
} from './protocol.js';

const hex = (s: string) =>
  Uint8Array.from(
    s
      .trim()
      .split(/\s+/)
      .map((b) => parseInt(b, 16)),
  );
const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');
const A5x8 = 'a5 a5 a5 a5 a5 a5 a5 a5';

// Published example 8 (§8.2.1): dynamic area on a 128×32 6K3, text 欢迎光临, CRC 0x493C sent `3C 49`.
const EXAMPLE_HEADER = 'fe ff 00 80 00 00 00 00 00 00 fe 02 2c 00';
const EXAMPLE_DATA =
  'a3 06 01 00 00 00 01 23 00 00 00 80 00 00 80 80 20 00 00 00 00 0a 00 00 00 00 02 01 01 00 02 0a 08 00 00 00 bb b6 d3 ad b9 e2 c1 d9';
const EXAMPLE_FRAME = `${A5x8} ${EXAMPLE_HEADER} ${EXAMPLE_DATA} 3c 49 5a`;
// Published ACK (example 3/4, sent with nine A5): CRC 0xAC14 sent `14 AC`.
const ACK_FRAME = 'a5 a5 a5 a5 a5 a5 a5 a5 a5 00 80 fe ff 00 00 00 00 00 00 fe 02 05 00 a0 00 00 00 00 14 ac 5a';
// Published NACK (example 5): CmdError 05 (CRC error), CRC sent `05 51`.
const NACK_FRAME = 'a5 a5 a5 a5 a5 a5 a5 a5 a5 00 80 fe ff 00 00 00 00 00 00 fe 02 05 00 a0 01 05 00 00 05 51 5a';
// Published PING (§8.7) to screen 1.
const PING_FRAME = `${A5x8} 01 00 00 80 00 00 00 00 00 00 fe 02 05 00 a2 00 01 00 00 68 f8 5a`;

describe('CRC-16/ARC', () => {
  it('gives 0x493C over header + data of the published dynamic-area example', () => {
    expect(crc16(hex(`${EXAMPLE_HEADER} ${EXAMPLE_DATA}`))).toBe(0x493c);
  });
  it('gives 0xAC14 over the published ACK', () => {
    expect(crc16(hex('00 80 fe ff 00 00 00 00 00 00 fe 02 05 00 a0 00 00 00 00'))).toBe(0xac14);
  });
  it('matches the other published frames (lock program, carousel on/off)', () => {
    expect(crc16(hex('01 00 00 80 00 00 00 00 00 00 fe 02 0b 00 a3 04 01 00 00 00 01 50 30 30 30'))).toBe(0x40c2);
    expect(crc16(hex('fe ff 00 80 ff 00 00 00 00 00 fe 02 06 00 a2 08 01 00 00 01'))).toBe(0x51bc);
  });
});

describe('frame encoding', () => {
  it('builds the published dynamic-area frame byte for byte', () => {
    const data = encodeDynamicArea({ areas: [{ text: '欢迎光临', width: 128, height: 32 }] });
    expect(toHex(data)).toBe(EXAMPLE_DATA);
    expect(toHex(encodeFrame({ dst: 0xfffe, src: 0x8000, deviceType: 0xfe }, data))).toBe(EXAMPLE_FRAME);
  });

  it('builds the published ACK (with eight A5) and PING', () => {
    expect(toHex(encodeFrame({ dst: 0x8000, src: 0xfffe }, ackData()))).toBe(ACK_FRAME.replace('a5 ', ''));
    expect(toHex(encodeFrame({}, encodeRequest(Command.PING)))).toBe(PING_FRAME);
  });

  it('escapes A5/A6/5A/5B after the CRC is computed on the raw bytes', () => {
    expect(toHex(escape(hex('a5 a6 5a 5b 00')))).toBe('a6 02 a6 01 5b 02 5b 01 00');
    expect(toHex(unescape(hex('a6 02 a6 01 5b 02 5b 01 00'))!)).toBe('a5 a6 5a 5b 00');
    expect(unescape(hex('a6 03'))).toBeNull();
    // Text whose GB2312 bytes contain 0x5A/0x5B: 讠 is not GB2312-safe to hand-pick, so use raw bytes.
    const frame = encodeFrame({}, encodeDynamicArea({ areas: [{ text: Uint8Array.of(0x5a, 0xa5, 0x41) }] }));
    const body = frame.subarray(8, frame.length - 1);
    expect(body.includes(0x5a) || body.includes(0xa5)).toBe(false);
    expect(unescape(body)).toEqual(
      encodePacket({}, encodeDynamicArea({ areas: [{ text: Uint8Array.of(0x5a, 0xa5, 0x41) }] })),
    );
  });

  it('refuses characters outside GB2312 with a bilingual message', () => {
    expect(toHex(encodeGb2312('号'))).toBe('ba c5');
    expect(() => encodeGb2312('请😀')).toThrow(/GB2312/);
  });
});

describe('replies', () => {
  const parse = (s: string) => new OnbonFrameParser().push(hex(s));
  it('parses the published ACK and NACK', () => {
    const [ack] = parse(ACK_FRAME);
    expect(ack?.type).toBe('packet');
    if (ack?.type !== 'packet') return;
    expect(ack.packet.header).toMatchObject({ dst: 0x8000, src: 0xfffe, deviceType: 0xfe });
    expect(decodeReply(ack.packet.data)).toMatchObject({ command: Command.ACK, error: 0 });

    const [nack] = parse(NACK_FRAME);
    if (nack?.type !== 'packet') throw new Error('no packet');
    expect(decodeReply(nack.packet.data)).toMatchObject({ command: Command.NACK, error: 5 });
    expect(describeCmdError(5)).toEqual({ en: 'ERR_CHECKSUM', zh: 'CRC16 校验错误' });
    expect(toHex(nackData(5))).toBe('a0 01 05 00 00');
  });

  it('reports a CRC error', () => {
    const bad = hex(ACK_FRAME);
    bad[bad.length - 3] = 0x15;
    expect(new OnbonFrameParser().push(bad)).toMatchObject([{ type: 'error', reason: 'bad-crc' }]);
  });
});

describe('OnbonFrameParser', () => {
  const frames = [hex(EXAMPLE_FRAME), hex(ACK_FRAME), hex(PING_FRAME)];
  const garbage = hex('00 5a 13 5b 02');
  const stream = Uint8Array.from([...garbage, ...frames[0]!, ...garbage, ...frames[1]!, 0x77, ...frames[2]!]);
  const crcs = (events: OnbonParseEvent[]) =>
    events.map((e) => (e.type === 'packet' ? toHex(e.packet.data.subarray(0, 2)) : e.reason));

  it('reassembles frames split at every offset, with garbage between them', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      const p = new OnbonFrameParser();
      const events = [...p.push(stream.subarray(0, cut)), ...p.push(stream.subarray(cut))];
      expect(crcs(events), `cut at ${cut}`).toEqual(['a3 06', 'a0 00', 'a2 00']);
    }
  });

  it('round-trips any header and data (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          dst: fc.integer({ min: 0, max: 0xffff }),
          src: fc.integer({ min: 0, max: 0xffff }),
          deviceType: fc.integer({ min: 0, max: 255 }),
        }),
        fc.uint8Array({ maxLength: 600 }),
        fc.integer({ min: 0, max: 40 }),
        (header, data, cut) => {
          const frame = encodeFrame(header, data);
          const p = new OnbonFrameParser();
          const at = Math.min(cut, frame.length);
          const events = [...p.push(frame.subarray(0, at)), ...p.push(frame.subarray(at))];
          expect(events).toHaveLength(1);
          const [e] = events;
          if (e?.type !== 'packet') throw new Error(`not a packet: ${e?.type === 'error' ? e.reason : 'none'}`);
          expect(e.packet.header).toMatchObject(header);
          expect(Array.from(e.packet.data)).toEqual(Array.from(data));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('dynamic area decoding (simulator side)', () => {
  it('reads back areas, speech and deletes', () => {
    const data = encodeDynamicArea({
      deleteAreas: [1],
      areas: [
        { id: 0, text: '请A012号到3号窗口', width: 192, height: 16, alignment: 2, speech: { volume: 8 } },
        { id: 2, text: 'Onbon', x: 64, y: 16 },
      ],
    });
    const d = decodeDynamicArea(data);
    expect(d?.deleteAreas).toEqual([1]);
    expect(d?.areas.map((a) => [a.id, a.text, a.x, a.y, a.width, a.height, a.soundMode])).toEqual([
      [0, '请A012号到3号窗口', 0, 0, 192, 16, 1],
      [2, 'Onbon', 64, 16, 128, 32, 0],
    ]);
    expect(decodeDynamicArea(data.subarray(0, data.length - 1))).toBeNull();
    expect(decodeDynamicArea(encodeDynamicArea({ deleteAreas: 'all', areas: [] }))?.deleteAreas).toBe('all');
  });
});
