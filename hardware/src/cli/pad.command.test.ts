import { MockBinding } from '@serialport/binding-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { runPad } from './pad.command.js';
import type { CliIo } from './ports.command.js';

afterEach(() => MockBinding.reset());

describe('pad command', () => {
  it('prints key presses and ratings in Chinese and English until stopped', async () => {
    // readyData is what the "device" sends right after the port opens: call-next from pad 3, a rating from 13, an unused key.
    MockBinding.createPort('/dev/ttyPAD', {
      record: true,
      readyData: Buffer.from('ff680303680301' + '0c1016' + 'ff680303681011032416' + 'ff6803036805010e1416', 'hex'),
    });
    const lines: string[] = [];
    const io: CliIo = { out: (l) => lines.push(l), err: (l) => lines.push(`ERR ${l}`) };
    const controller = new AbortController();
    const done = runPad(
      {
        port: '/dev/ttyPAD',
        binding: MockBinding,
        signal: controller.signal,
        now: () => new Date('2026-03-02T01:02:03.456Z'),
      },
      io,
    );
    for (let i = 0; i < 50 && lines.length < 4; i++) await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await done).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^正在监听 \/dev\/ttyPAD/),
      '01:02:03.456 地址 3 按键 呼叫 / address 3 key call-next (data 0c)',
      '01:02:03.456 地址 16 评价 5 星 / address 16 rating 5 (value 3)',
      '01:02:03.456 地址 5 未使用的按键 / address 5 unused key (data 0e)',
    ]);
  });
});
