import { describe, expect, it } from 'vitest';
import { browserDevices, deviceProblems, windowDevices } from './devices';

describe('window devices in the renderer', () => {
  it('names the devices in trouble with their reason; absent ones (not fitted) are no trouble', () => {
    expect(
      deviceProblems({
        reader: 'ready',
        printer: 'error',
        evaluator: 'absent',
        pad: 'error',
        problems: { printer: '打印机缺纸 / paper out', evaluator: '本机未接评价器' },
      }),
    ).toEqual(['打印机：打印机缺纸 / paper out', '呼叫器：故障']);
    expect(deviceProblems({ reader: 'ready', printer: 'ready', evaluator: 'ready' })).toEqual([]);
  });

  it('without a preload the browser fallback prints nothing and says so', async () => {
    expect(windowDevices().runtime).toBe('browser');
    const api = browserDevices();
    expect(await api.printDocument!({ kind: 'text', title: '受理回执', lines: ['x'] })).toEqual({
      printed: false,
      reason: '浏览器模式未连接回执打印机',
    });
    expect(await api.getDeviceStatus!()).toMatchObject({ reader: 'absent', printer: 'absent' });
    expect(deviceProblems(await api.getDeviceStatus!())).toEqual([]);
  });
});
