/**
 * Electron main of the window client, tested in Node: only the `electron` module is replaced (a recording fake).
 * The devices are the production ones (`createWindowDevices` from the config): the ID-card reader, the receipt
 * printer and the RS-485 line of the pad and evaluator each sit on a real pseudo-terminal (socat) with the hardware
 * simulator on its other end, and the device gateway talks to a real hall over its embedded MQTT broker.
 */
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EvaluationView, IssuedTicket, TicketView } from '@onedoor/protocol';
import { openSerialTransport, type ByteTransport } from '@onedoor/hardware/transport';
import { IdCardReaderSim, PrinterSim, openBusSimulator, type Rs485BusSimulator } from '@onedoor/hardware/simulators';
import {
  createPtyPair,
  decodeEscPos,
  FOREIGNER_2017,
  FOREIGNER_2023,
  HMT_PERMIT,
  RESIDENT_CARD,
  shouldSkipPtyTests,
  type PtyPair,
} from '@onedoor/hardware/testing';
import { command, startTestHall, type TestHall } from '../../../test/helpers/test-hall.js';
import {
  WINDOW_IPC,
  type AcceptanceReceiptDocument,
  type EvaluationOutcome,
  type OneTimeNoticeDocument,
  type PrintOutcome,
  type WindowCardRead,
  type WindowDeviceStatus,
} from '../shared/window-api';

// ---------- the fake electron module ----------
const fake = vi.hoisted(() => ({
  windows: [] as unknown[],
  handlers: new Map<string, (event: unknown, ...args: unknown[]) => unknown>(),
  permissionHandler: null as null | ((wc: unknown, permission: string, cb: (ok: boolean) => void) => void),
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class FakeWebContents extends Emitter {
    sent: [string, unknown][] = [];
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    send(channel: string, value: unknown) {
      this.sent.push([channel, value]);
    }
    setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
      this.openHandler = h;
    }
  }
  class FakeBrowserWindow extends Emitter {
    webContents = new FakeWebContents();
    loaded: string | null = null;
    destroyed = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      fake.windows.push(this);
    }
    async loadURL(url: string) {
      this.loaded = url;
      this.emit('ready-to-show');
    }
    async loadFile(file: string) {
      this.loaded = `file:${file}`;
      this.emit('ready-to-show');
    }
    show() {}
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const ipcMain = {
    handle: (channel: string, fn: (event: unknown, ...args: unknown[]) => unknown) => {
      if (fake.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      fake.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => fake.handlers.delete(channel),
  };
  const session = {
    defaultSession: {
      setPermissionRequestHandler: (h: typeof fake.permissionHandler) => {
        fake.permissionHandler = h;
      },
      setPermissionCheckHandler: () => undefined,
    },
  };
  return {
    default: { BrowserWindow: FakeBrowserWindow, ipcMain, session },
    BrowserWindow: FakeBrowserWindow,
    ipcMain,
    session,
  };
});

const { startWindowClient } = await import('./app');
const { parseWindowConfig } = await import('./config');
const { createWindowDevices } = await import('./hardware');

type FakeWindow = EventEmitter & {
  options: Record<string, unknown> & { webPreferences: Record<string, unknown> };
  webContents: EventEmitter & {
    sent: [string, unknown][];
    openHandler: ((d: { url: string }) => { action: string }) | null;
  };
  loaded: string | null;
};

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
  fake.windows.length = 0;
  fake.handlers.clear();
});

async function until(cond: () => boolean | Promise<boolean>, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Starts main on a config; `invoke` calls an IPC handler as the window's own page. */
async function startMain(configInput: Record<string, unknown>) {
  const config = parseWindowConfig({ serverUrl: 'http://hall.example:8080/', ...configInput });
  const main = await startWindowClient({
    config,
    devices: createWindowDevices(config, { logger: { info: () => {}, warn: () => {}, error: () => {} } }),
    preloadPath: '/opt/window/out/window-client/preload/index.cjs',
    renderer: { file: '/opt/window/out/window-client/renderer/index.html' },
    statusIntervalMs: 50,
  });
  cleanups.push(() => main.close());
  const win = fake.windows[0] as FakeWindow;
  const invoke = <T>(channel: string, ...args: unknown[]): Promise<T> =>
    Promise.resolve(fake.handlers.get(channel)!({ sender: win.webContents }, ...args) as T);
  const sent = <T>(channel: string): T[] => win.webContents.sent.filter(([c]) => c === channel).map(([, v]) => v as T);
  return { main, win, invoke, sent };
}

describe('window client main without devices', () => {
  it('opens a sandboxed, isolated window that hands the preload its server and window', async () => {
    const { win } = await startMain({ windowId: 'w03' });
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/opt/window/out/window-client/preload/index.cjs',
      additionalArguments: ['--onedoor-server-url=http://hall.example:8080', '--onedoor-window-id=w03'],
    });
    expect(win.loaded).toBe('file:/opt/window/out/window-client/renderer/index.html');
  });

  it('denies navigation away, new windows and every permission', async () => {
    const { win } = await startMain({});
    const nav = (url: string) => {
      const event = { preventDefault: vi.fn() };
      win.webContents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav('https://www.example.com/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('file:///opt/window/out/window-client/renderer/index.html#intake')).toBe(false);
    expect(win.webContents.openHandler!({ url: 'https://evil.example' })).toEqual({ action: 'deny' });
    const answer = vi.fn();
    fake.permissionHandler!(null, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
  });

  it('says what is missing: nothing prints, no evaluation starts, every device absent with its reason', async () => {
    const { invoke } = await startMain({});
    const status = await invoke<WindowDeviceStatus>(WINDOW_IPC.getDeviceStatus);
    expect(status).toMatchObject({ reader: 'absent', printer: 'absent', evaluator: 'absent', pad: 'absent' });
    expect(status.problems?.printer).toMatch(/未配置回执打印机 \/ no receipt printer/);
    expect(status.problems?.reader).toBe('未配置读卡器 / no card reader configured');
    const printed = await invoke<PrintOutcome>(WINDOW_IPC.printDocument, notice);
    expect(printed).toEqual({ printed: false, reason: expect.stringMatching(/未配置回执打印机/) });
    const evaluation = await invoke<EvaluationOutcome>(WINDOW_IPC.startEvaluation, { ticketId: 'tk-1' });
    expect(evaluation.status).toBe('unavailable');
  });

  it('answers only its own window', async () => {
    await startMain({});
    const other = { sender: new EventEmitter() };
    expect(await fake.handlers.get(WINDOW_IPC.getDeviceStatus)!(other)).toBeNull();
    expect(await fake.handlers.get(WINDOW_IPC.printDocument)!(other, notice)).toMatchObject({ printed: false });
  });
});

const receipt: AcceptanceReceiptDocument = {
  kind: 'acceptance-receipt',
  hallName: '示范市政务服务中心',
  caseNumber: 'SL20261203000017',
  matterName: '社会保障卡补办',
  applicantName: '王*娜',
  receivedMaterials: [
    { name: '居民身份证', form: '原件', copies: 1 },
    { name: '免冠照片', form: '电子' },
  ],
  promisedDate: '2026-12-10',
  acceptedAt: '2026-12-03T01:15:00.000Z',
  windowName: '1号窗口',
  queryUrl: 'http://hall.example/c/SL20261203000017',
};
const notice: OneTimeNoticeDocument = {
  kind: 'one-time-notice',
  hallName: '示范市政务服务中心',
  matterName: '户口迁移',
  applicantName: '李*花',
  missingMaterials: [{ name: '准予迁入证明', reason: '未提供' }],
  issuedAt: '2026-12-03T02:00:00.000Z',
};

const gate = shouldSkipPtyTests();
if (gate.skip) console.warn(gate.reason);

describe.skipIf(gate.skip)('window client main with its devices on pseudo-terminals (socat)', () => {
  const pairs: PtyPair[] = [];
  const links: ByteTransport[] = [];
  const pty = async () => {
    const pair = await createPtyPair();
    pairs.push(pair);
    const device = await openSerialTransport({ path: pair.devicePath, baudRate: 9600 });
    links.push(device);
    return { hostPath: pair.hostPath, device };
  };
  afterAll(async () => {
    for (const l of links.splice(0)) await l.close().catch(() => undefined);
    for (const p of pairs.splice(0)) await p.close();
  });

  it('a card on the reader reaches the screen, for all four card kinds', async () => {
    const reader = await pty();
    const sim = new IdCardReaderSim(reader.device);
    const { sent } = await startMain({ reader: { path: reader.hostPath, baudRate: 9600 } });
    const expected: WindowCardRead[] = [
      { idNumber: RESIDENT_CARD.idNumber, name: RESIDENT_CARD.name, kind: 'resident' },
      { idNumber: HMT_PERMIT.idNumber, name: HMT_PERMIT.name, kind: 'hmt-residence-permit' },
      { idNumber: FOREIGNER_2017.cardNumber, name: FOREIGNER_2017.chineseName, kind: 'foreigner-2017' },
      { idNumber: FOREIGNER_2023.cardNumber, name: FOREIGNER_2023.chineseName, kind: 'foreigner-2023' },
    ];
    const cards = [RESIDENT_CARD, HMT_PERMIT, FOREIGNER_2017, FOREIGNER_2023];
    for (const [i, card] of cards.entries()) {
      sim.placeCard(card);
      await until(() => sent(WINDOW_IPC.card).length > i, `card ${card.kind}`);
      sim.removeCard();
      // The reader takes a card as gone after two finds without it (its removalMisses): the third sees none too.
      const asked = sim.requests.length;
      await until(() => sim.requests.length >= asked + 3, 'the reader to notice the card is gone');
    }
    expect(sent<WindowCardRead>(WINDOW_IPC.card).slice(0, 4)).toEqual(expected);
    expect(sent<WindowDeviceStatus>(WINDOW_IPC.deviceStatus).at(-1)?.reader).toBe('ready');
  });

  it('prints the 受理回执 and the 一次性告知书 with the hardware templates; a bad document prints nothing', async () => {
    const printer = await pty();
    const sim = new PrinterSim();
    sim.attach(printer.device);
    const { invoke } = await startMain({ printer: { to: `serial:${printer.hostPath}`, paper: '58mm' } });

    expect(await invoke<PrintOutcome>(WINDOW_IPC.printDocument, receipt)).toEqual({ printed: true });
    const first = decodeEscPos(sim.received);
    const text = first.lines.map((l) => l.text).join('\n');
    expect(text).toContain('受理回执');
    expect(text).toContain('办件编号：SL20261203000017');
    expect(text).toContain('申请人：王*娜');
    // 09:15 in the hall's zone (Asia/Shanghai) for 01:15 UTC.
    expect(text).toContain('受理时间：2026-12-03 09:15');
    expect(first.qrCodes.map((q) => q.text)).toEqual([receipt.queryUrl]);
    expect(first.cuts).toBe(1);

    const before = sim.received.length;
    expect(await invoke<PrintOutcome>(WINDOW_IPC.printDocument, { ...receipt, queryUrl: 'not a url' })).toEqual({
      printed: false,
      reason: expect.stringMatching(/queryUrl.*查询地址应为网址/),
    });
    expect(sim.received.length).toBe(before);

    expect(await invoke<PrintOutcome>(WINDOW_IPC.printDocument, notice)).toEqual({ printed: true });
    const both = decodeEscPos(sim.received)
      .lines.map((l) => l.text)
      .join('\n');
    expect(both).toContain('一次性告知书');
    expect(both).toContain('1. 准予迁入证明');

    // Lines are no document: the window prints only what its templates know, and says so.
    const printedSoFar = sim.received.length;
    expect(
      await invoke<PrintOutcome>(WINDOW_IPC.printDocument, { kind: 'text', title: '受理回执', lines: ['x'] }),
    ).toEqual({ printed: false, reason: expect.stringMatching(/打印内容只能是受理回执、一次性告知书或服务回执/) });
    expect(sim.received.length).toBe(printedSoFar);
    expect(decodeEscPos(sim.received).cuts).toBe(2);
  });

  it('a printer out of paper: printed false with the reason, and the status turns to error', async () => {
    const printer = await pty();
    const sim = new PrinterSim();
    sim.attach(printer.device);
    const { invoke, sent } = await startMain({ printer: { to: `serial:${printer.hostPath}` } });
    sim.paperOut();
    const outcome = await invoke<PrintOutcome>(WINDOW_IPC.printReceipt, {
      hallName: '示范市政务服务中心',
      ticketNumber: 'A001',
      serviceName: '综合受理',
      windowName: '1号窗口',
      clerkName: '张*',
      finishedAtLocal: '2026-12-03 09:30',
    });
    expect(outcome.printed).toBe(false);
    expect(outcome.reason).toMatch(/缺纸/);
    const status = await invoke<WindowDeviceStatus>(WINDOW_IPC.getDeviceStatus);
    expect(status.printer).toBe('error');
    expect(status.problems?.printer).toMatch(/缺纸/);
    expect(sent<WindowDeviceStatus>(WINDOW_IPC.deviceStatus).some((s) => s.printer === 'error')).toBe(true);
  });

  describe('the pad and the evaluator on the device gateway', () => {
    let hall: TestHall;
    let bus: Rs485BusSimulator;
    let line: string;
    beforeAll(async () => {
      hall = await startTestHall();
      const pair = await createPtyPair();
      pairs.push(pair);
      line = pair.hostPath;
      bus = await openBusSimulator({ path: pair.devicePath, baudRate: 9600 });
    });
    afterAll(async () => {
      await bus.close();
      await hall.close();
    });

    const gatewayConfig = async () => ({
      windowId: 'w01',
      gateway: {
        mqttUrl: hall.running.mqttUrl,
        hallId: hall.config.hall.id,
        username: 'gateway-01',
        password: await hall.deviceToken('gateway', 'gateway-01'),
        port: line,
        pad: { id: 'pad-w01', address: 1 },
        evaluator: { id: 'eval-w01', address: 21 },
      },
    });
    const setPadKeyMap = (settings: Record<string, unknown>) => {
      const pad = hall.running.authRepo.findDevice('pad-w01')!;
      hall.running.auth.saveDevice({ ...pad, settings: { address: 1, ...settings } });
    };

    it("转移 and 暂停 on the pad follow the pad's key map; a 转移 without a target beeps and moves nothing", async () => {
      const { invoke } = await startMain(await gatewayConfig());
      await until(async () => (await invoke<WindowDeviceStatus>(WINDOW_IPC.getDeviceStatus)).pad === 'ready', 'pad');
      await until(() => hall.running.authRepo.findDevice('pad-w01')?.online === true, 'the hall sees the pad');
      const token = await hall.login('clerk01');
      const clerk = await hall.connect('/window', { sessionToken: token });
      await command(clerk, 'window:sign-in', { windowId: 'w01' });
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });
      await command<TicketView>(clerk, 'ticket:call-next', { windowId: 'w01' });
      const ticket = () => hall.running.hall.snapshot().tickets.find((t) => t.id === issued.ticket.id);

      setPadKeyMap({});
      const beeps = bus.device(1).beeps;
      expect(await bus.pressKey(1, 'transfer')).toBe(true);
      await until(() => bus.device(1).beeps > beeps, 'the beep of a transfer without a target');
      expect(ticket()).toMatchObject({ status: 'called', windowId: 'w01' });

      setPadKeyMap({ transferToWindowId: 'w02', pauseReason: '外出核验' });
      // The bus takes the same frame again within its repeat window for the pad's own resend: another key between.
      expect(await bus.pressKey(1, 'recall')).toBe(true);
      await until(() => ticket()?.callCount === 2, 'the recall');
      expect(await bus.pressKey(1, 'transfer')).toBe(true);
      await until(() => ticket()?.targetWindowId === 'w02', 'the transfer to 2号窗口');
      expect(ticket()?.status).toBe('waiting');
      expect(await bus.pressKey(1, 'pause')).toBe(true);
      await until(() => hall.running.hall.windowView('w01')?.state === 'paused', 'the pause');
      expect(hall.running.hall.windowView('w01')?.pauseReason).toBe('外出核验');
      await command(clerk, 'window:open', { windowId: 'w01' });
      await command(clerk, 'window:sign-out', { windowId: 'w01' });
      setPadKeyMap({});
    });

    it('the pad calls at its window and the evaluator gives the rating to the hall and to the screen', async () => {
      const { invoke } = await startMain(await gatewayConfig());
      await until(async () => {
        const s = await invoke<WindowDeviceStatus>(WINDOW_IPC.getDeviceStatus);
        return s.pad === 'ready' && s.evaluator === 'ready';
      }, 'pad and evaluator ready');
      await until(() => hall.running.authRepo.findDevice('pad-w01')?.online === true, 'the hall sees the pad');

      const token = await hall.login('clerk01');
      const clerk = await hall.connect('/window', { sessionToken: token });
      await command(clerk, 'window:sign-in', { windowId: 'w01' });
      const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
      const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' });

      // 呼叫 on the pad: the hall calls the next visitor at w01.
      expect(await bus.pressKey(1, 'call-next')).toBe(true);
      await until(() => hall.running.hall.windowView('w01')?.currentTicketId === issued.ticket.id, 'the call');

      // The clerk's screen waits for the rating; the finish makes the hall start the evaluator.
      // A wait left over from the visitor before ends when this one's begins: no rating is shown for the wrong one.
      const stale = invoke<EvaluationOutcome>(WINDOW_IPC.startEvaluation, { ticketId: 'the-visitor-before' });
      const evaluation = invoke<EvaluationOutcome>(WINDOW_IPC.startEvaluation, { ticketId: issued.ticket.id });
      expect(await stale).toMatchObject({ status: 'skipped' });
      await command<TicketView>(clerk, 'ticket:finish', { windowId: 'w01' });
      await until(() => bus.device(21).evaluating, 'the evaluator started by the hall');
      expect(await bus.rate(21, 1)).toBe(true);
      expect(await evaluation).toEqual({ status: 'rated', rating: 1 });
      const ratings = async (): Promise<EvaluationView[]> => {
        const res = await fetch(`${hall.baseUrl}/api/evaluations?ticketId=${issued.ticket.id}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return ((await res.json()) as { data: EvaluationView[] }).data;
      };
      await until(async () => (await ratings()).length === 1, 'the rating at the hall');
      expect((await ratings())[0]).toMatchObject({ level: 1, windowId: 'w01', channel: 'evaluator' });
    });
  });
});

describe('window client config', () => {
  it('has defaults and takes environment overrides', () => {
    expect(parseWindowConfig({})).toMatchObject({
      serverUrl: 'http://127.0.0.1:8080',
      timeZone: 'Asia/Shanghai',
      fullscreen: false,
      evaluationSeconds: 90,
      reader: null,
      printer: null,
      gateway: null,
    });
    expect(
      parseWindowConfig(
        {},
        {
          ONEDOOR_WINDOW_SERVER_URL: 'http://10.0.0.5:8080',
          ONEDOOR_WINDOW_ID: 'w02',
          ONEDOOR_WINDOW_PRINTER: 'tcp:10.0.0.9',
          ONEDOOR_WINDOW_READER: '/dev/ttyUSB0',
        },
      ),
    ).toMatchObject({
      serverUrl: 'http://10.0.0.5:8080',
      windowId: 'w02',
      printer: { to: 'tcp:10.0.0.9', baudRate: 9600, paper: '80mm' },
      reader: { path: '/dev/ttyUSB0', baudRate: 115200 },
    });
  });

  it('lists every wrong value in Chinese and English', () => {
    const problems = (input: unknown): string[] => {
      try {
        parseWindowConfig(input);
        return [];
      } catch (err) {
        return (err as { problems: string[] }).problems;
      }
    };
    const wrong = problems({
      serverUrl: 'nope',
      timeZone: 'Mars/Olympus',
      printer: { to: 'lpt1', paper: 'A4' },
      reader: { path: '/dev/ttyUSB0', baudRate: 1234 },
    });
    expect(wrong).toEqual([
      expect.stringMatching(/^serverUrl: serverUrl 应为大厅服务器地址.* \/ serverUrl must be a URL$/),
      expect.stringMatching(/^timeZone: .*不是有效的时区.*\/ timeZone is not an IANA time zone$/),
      expect.stringMatching(/^reader\.baudRate: 波特率只能是.*\/ the baud rate must be a standard rate/),
      expect.stringMatching(/^printer\.to: .*USB转串口.*\/ printer\.to must be serial:PATH/),
      expect.stringMatching(/^printer\.paper: .*58mm.*\/ printer\.paper must be/),
    ]);
    const gateway = { mqttUrl: 'mqtt://10.0.0.5:1883', hallId: 'hall-1', port: '/dev/ttyUSB1' };
    expect(problems({ gateway: { ...gateway, pad: { id: 'pad-w01', address: 1 } } })).toEqual([
      expect.stringMatching(/^windowId: 配置了 gateway 时必须填写 windowId.*\/ windowId is required with a gateway$/),
    ]);
    expect(problems({ windowId: 'w01', gateway })).toEqual([
      expect.stringMatching(/^gateway: gateway 至少要有 pad 或 evaluator \/ gateway needs a pad or an evaluator$/),
    ]);
    // The gateway's own checks, in the window's words.
    expect(
      problems({
        windowId: 'w01',
        gateway: {
          ...gateway,
          mqttUrl: 'http://x',
          pad: { id: 'pad-w01', address: 300 },
          evaluator: { id: 'eval-w01', address: 21, ratingMap: { '0': 6 } },
        },
      }),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gateway\.pad\.address: RS-485 地址范围 0–255 \/ RS-485 address must be 0–255$/),
        expect.stringMatching(/^gateway\.evaluator\.ratingMap\.0: 评价等级只能是 1–5 \/ rating level must be 1–5$/),
      ]),
    );
    expect(
      problems({
        windowId: 'w01',
        gateway: { ...gateway, mqttUrl: 'http://x', pad: { id: 'pad-w01', address: 1 } },
      }),
    ).toEqual([expect.stringMatching(/^gateway\.mqttUrl: MQTT 地址格式应为 mqtt:\/\/主机:端口 \/ MQTT URL/)]);
  });
});
