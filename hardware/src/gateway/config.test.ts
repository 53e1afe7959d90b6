import { describe, expect, it } from 'vitest';
import { GatewayConfigError, parseGatewayConfig, parseGatewayConfigJson } from './config.js';

const base = { mqttUrl: 'mqtt://127.0.0.1:1883', hallId: 'hall-1' };

function problems(input: unknown): string[] {
  try {
    parseGatewayConfig(input);
  } catch (err) {
    expect(err).toBeInstanceOf(GatewayConfigError);
    return [...(err as GatewayConfigError).problems];
  }
  throw new Error('expected the config to be rejected');
}

describe('gateway config', () => {
  it('fills in the defaults', () => {
    const cfg = parseGatewayConfig({
      ...base,
      devices: [
        { id: 'pad-1', kind: 'pad', port: '/dev/ttyUSB0', address: 1 },
        { id: 'led-1', kind: 'led', port: '/dev/ttyUSB0', address: 21 },
        { id: 'board', kind: 'led-board', host: '192.168.1.50' },
      ],
    });
    expect(cfg).toMatchObject({
      heartbeatSeconds: 30,
      keepaliveSeconds: 15,
      reconnectSeconds: 2,
      clientIdPrefix: 'onedoor-gw',
    });
    expect(cfg.devices[0]).toMatchObject({ baudRate: 9600 });
    expect(cfg.devices[1]).toMatchObject({ display: 'text' });
    expect(cfg.devices[2]).toMatchObject({ tcpPort: 5005, screenAddress: 1, width: 128, height: 32 });
  });

  it('says in Chinese and English what to fix, with the path of each problem', () => {
    const p = problems({
      ...base,
      devices: [
        { id: 'pad-1', kind: 'pad', port: '/dev/ttyUSB0', address: 300 },
        { id: 'pad-1', kind: 'pad', port: '/dev/ttyUSB0', address: 2, baudRate: 19200 },
        { id: 'x', kind: 'printer', port: '/dev/ttyS0', address: 1 },
        { id: 'b', kind: 'led-board', host: '10.0.0.2', port: '/dev/ttyUSB1' },
      ],
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'devices[0].address: RS-485 地址范围 0–255 / RS-485 address must be 0–255',
        expect.stringMatching(/^devices\[2\]\.kind: kind 只能是 .* \/ kind must be/),
        expect.stringMatching(/^devices\[3\]: LED 屏要么填 port.* \/ give either port/),
      ]),
    );
  });

  it('catches duplicate ids, shared addresses and mixed baud rates on one line', () => {
    const p = problems({
      ...base,
      devices: [
        { id: 'a', kind: 'pad', port: '/dev/ttyUSB0', address: 3 },
        { id: 'a', kind: 'evaluator', port: '/dev/ttyUSB0', address: 3, baudRate: 19200 },
      ],
    });
    expect(p).toEqual([
      'devices[1].id: 设备编号 a 重复 / duplicate device id a',
      'devices[1].address: /dev/ttyUSB0 上地址 3 已被 a 使用 / address 3 on /dev/ttyUSB0 is already used by a',
      'devices[1].baudRate: 同一串口 /dev/ttyUSB0 上的设备波特率必须相同 / all devices on /dev/ttyUSB0 must use the same baud rate',
    ]);
  });

  it('rejects a wrong baud rate and a missing device list', () => {
    expect(
      problems({ ...base, devices: [{ id: 'p', kind: 'pad', port: 'COM3', address: 1, baudRate: 9601 }] })[0],
    ).toMatch(/^devices\[0\]\.baudRate: 波特率只能是/);
    expect(problems({ ...base })[0]).toMatch(/^devices: 类型不对或缺少此项 \/ /);
  });

  it('reports JSON syntax errors', () => {
    expect(() => parseGatewayConfigJson('{ "hallId": ', 'gw.json')).toThrow(
      /gw\.json[\s\S]*JSON 格式错误 \/ not valid JSON/,
    );
  });
});
