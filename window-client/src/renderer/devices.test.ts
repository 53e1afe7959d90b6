import { describe, expect, it } from 'vitest';
import { browserDevices, createVirtualPrinter, deviceProblems, VIRTUAL_PAPER_OUT, windowDevices } from './devices';

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

  it('without a preload the virtual printer prints to its sink, and out of paper it refuses and reports it', async () => {
    expect(windowDevices().runtime).toBe('browser');
    const printer = createVirtualPrinter();
    const api = browserDevices(printer);
    const sent: string[] = [];
    const disconnect = printer.connect((doc) => {
      sent.push(doc.kind);
      return Promise.resolve({ printed: true });
    });
    expect(await api.printDocument!(NOTICE)).toEqual({ printed: true });
    expect(sent).toEqual(['one-time-notice']);
    expect(deviceProblems(await api.getDeviceStatus!())).toEqual([]);

    printer.setPaperOut(true);
    expect(await api.printDocument!(NOTICE)).toEqual({ printed: false, reason: VIRTUAL_PAPER_OUT });
    expect(sent).toEqual(['one-time-notice']);
    expect(deviceProblems(await api.getDeviceStatus!())).toEqual([`打印机：${VIRTUAL_PAPER_OUT}`]);

    // Disconnected (the window signed out): the screen is the printer again.
    printer.setPaperOut(false);
    disconnect();
    expect(await api.printDocument!(NOTICE)).toEqual({ printed: true });
    expect(sent).toHaveLength(1);
  });
});

const NOTICE = {
  kind: 'one-time-notice' as const,
  hallName: '示范市政务服务中心',
  matterName: '食品经营许可',
  applicantName: '李*花',
  missingMaterials: [{ name: '平面图', reason: '未携带' }],
  issuedAt: '2026-12-01T02:00:00Z',
};
