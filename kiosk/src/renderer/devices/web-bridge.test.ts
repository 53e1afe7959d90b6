import { describe, expect, it, vi } from 'vitest';
import { checkIdNumber } from '@onedoor/protocol';
import { createWebBridge, DEMO_CARDS, takeTokenFromHash } from './web-bridge';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('web device bridge', () => {
  it('demo cards carry valid GB 11643 numbers', () => {
    for (const c of DEMO_CARDS) expect(checkIdNumber(c.idNumber), c.idNumber).toBeNull();
  });

  it('takes #token=… into storage and strips it from the address bar', () => {
    const storage = memoryStorage();
    const replaceState = vi.fn();
    const token = takeTokenFromHash(
      { hash: '#token=abc123&x=1', pathname: '/kiosk/', search: '' },
      { replaceState },
      storage,
    );
    expect(token).toBe('abc123');
    expect(storage.m.get('onedoor.kiosk.deviceToken')).toBe('abc123');
    expect(replaceState).toHaveBeenCalledWith(null, '', '/kiosk/#x=1');
  });

  it('gives config from the page origin and the stored token; saveDeviceToken(null) forgets it', async () => {
    const storage = memoryStorage();
    const bridge = createWebBridge({
      location: { origin: 'http://hall:8080', hash: '#token=tok', pathname: '/kiosk/', search: '' },
      history: { replaceState: () => undefined },
      storage,
    });
    expect(await bridge.config()).toMatchObject({
      serverUrl: 'http://hall:8080',
      deviceToken: 'tok',
      idleSeconds: 60,
      virtualDevices: true,
      runtime: 'browser',
    });
    await bridge.saveDeviceToken(null);
    expect((await bridge.config()).deviceToken).toBeNull();
  });

  it('virtual reader delivers cards; virtual printer prints or fails with the reason', async () => {
    const bridge = createWebBridge({
      location: { origin: 'x', hash: '', pathname: '/', search: '' },
      history: null,
      storage: null,
      printMs: 0,
    });
    const cards: string[] = [];
    const off = bridge.onCard((h) => cards.push(h.name));
    bridge.insertCard(DEMO_CARDS[0]!);
    off();
    bridge.insertCard(DEMO_CARDS[1]!);
    expect(cards).toEqual(['张三']);
    const printed = vi.fn();
    bridge.onPrinted(printed);
    const ticket = {} as Parameters<typeof bridge.printTicket>[0];
    expect(await bridge.printTicket(ticket)).toEqual({ printed: true });
    const statuses: string[] = [];
    bridge.onDeviceStatus((s) => statuses.push(s.printer.state));
    bridge.setPrinterFault('打印机缺纸');
    expect(await bridge.printTicket(ticket)).toEqual({ printed: false, reason: '打印机缺纸' });
    expect(printed).toHaveBeenCalledTimes(1);
    expect(statuses).toEqual(['error']);
  });
});
