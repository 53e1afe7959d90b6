/**
 * The window's devices as Electron main sees them. Main codes against these interfaces; `hardware.ts` builds them
 * from @onedoor/hardware's IdCardReader, TicketPrinter and device gateway, tests from the same drivers on simulated
 * or pseudo-terminal links. The card reader is the hardware package's own adapter (`adaptIdCardReader` in
 * `@onedoor/hardware/id-card`), shared with the kiosk; its health takes the window's shape here.
 *
 * The printer and gateway adapters take structural types (what they use of the hardware classes), so a change
 * inside the hardware package that keeps those members does not touch the window client.
 */
import type { CardReaderFeed, ReaderHealth } from '@onedoor/hardware/id-card';
import { errorTexts } from '@onedoor/hardware/transport';
import type {
  EvaluationOutcome,
  PrintOutcome,
  WindowDeviceName,
  WindowDeviceState,
  WindowDeviceStatus,
} from '../shared/window-api';

/** A device's state and, when not ready, why ("中文 / English"). */
export interface DeviceHealth {
  state: WindowDeviceState;
  problem?: string;
}

export interface WindowPrinter {
  /** Resolves when the bytes are out of the printer; rejects with the printer's problem otherwise. */
  print(bytes: Uint8Array): Promise<void>;
  health(): DeviceHealth;
  close(): Promise<void>;
}

/** The window's evaluator and call pad, on the device gateway. */
export interface WindowGatewayDevices {
  start(): Promise<void>;
  close(): Promise<void>;
  pad(): DeviceHealth;
  evaluator(): DeviceHealth;
  /** Waits for the visitor's rating on this window's evaluator (the hall starts it when the service ends). */
  awaitRating(timeoutMs: number): Promise<EvaluationOutcome>;
}

export interface WindowDevices {
  reader: CardReaderFeed;
  printer: WindowPrinter;
  gateway: WindowGatewayDevices;
}

export function deviceStatus(devices: WindowDevices): WindowDeviceStatus {
  const all: Record<WindowDeviceName, DeviceHealth> = {
    reader: windowHealthOf(devices.reader.health()),
    printer: devices.printer.health(),
    evaluator: devices.gateway.evaluator(),
    pad: devices.gateway.pad(),
  };
  const problems: Partial<Record<WindowDeviceName, string>> = {};
  for (const [name, h] of Object.entries(all) as [WindowDeviceName, DeviceHealth][])
    if (h.problem) problems[name] = h.problem;
  return {
    reader: all.reader.state,
    printer: all.printer.state,
    evaluator: all.evaluator.state,
    pad: all.pad.state,
    problems,
  };
}

/** "中文 / English", or the one text when there is no second. */
const bilingual = (zh: string, en: string | undefined): string => (!en || zh === en ? zh : `${zh} / ${en}`);

export const problemOf = (e: unknown): string => {
  const { zh, en } = errorTexts(e);
  return bilingual(zh, en);
};

/** The reader's health (`message` / `messageEn`, as the hardware adapter reports it) in the window's shape. */
function windowHealthOf(h: ReaderHealth): DeviceHealth {
  return h.message ? { state: h.state, problem: bilingual(h.message, h.messageEn) } : { state: h.state };
}

/** What the window uses of hardware's TicketPrinter. */
export interface TicketPrinterLike {
  print(bytes: Uint8Array): Promise<unknown>;
  close(): Promise<void>;
}

export function adaptPrinter(printer: TicketPrinterLike): WindowPrinter {
  let health: DeviceHealth = { state: 'ready' };
  return {
    async print(bytes) {
      try {
        await printer.print(bytes);
        health = { state: 'ready' };
      } catch (err) {
        health = { state: 'error', problem: problemOf(err) };
        throw err;
      }
    },
    health: () => health,
    close: () => printer.close(),
  };
}

/** What the window uses of the device gateway: the online state of its devices. */
export interface GatewayLike {
  start(): Promise<void>;
  stop(): Promise<void>;
  devices(): { deviceId: string; online: boolean; status: string[]; mqttConnected: boolean }[];
}

/**
 * The window's pad and evaluator on a gateway main runs. `ratings` is fed the gateway's rating inputs (its
 * `onDeviceInput`), so a started evaluation resolves with the level the visitor pressed.
 */
export function gatewayDevices(
  gateway: GatewayLike,
  ids: { pad?: string; evaluator?: string },
): WindowGatewayDevices & { onRating(deviceId: string, level: 1 | 2 | 3 | 4 | 5): void } {
  const waiting = new Set<(level: 1 | 2 | 3 | 4 | 5) => void>();
  const superseded = new Set<() => void>();
  const healthOf = (id: string | undefined, what: string, whatEn: string): DeviceHealth => {
    if (!id) return { state: 'absent', problem: `本窗口未配置${what} / no ${whatEn} configured here` };
    const d = gateway.devices().find((x) => x.deviceId === id);
    if (!d?.online) return { state: 'error', problem: `${what}未连接（${id}）/ ${whatEn} ${id} not connected` };
    if (!d.mqttConnected)
      return { state: 'error', problem: `${what}连不上大厅（${id}）/ ${whatEn} ${id} cannot reach the hall` };
    return { state: 'ready' };
  };
  const evaluator = () => healthOf(ids.evaluator, '评价器', 'evaluator');
  return {
    start: () => gateway.start(),
    close: () => gateway.stop(),
    pad: () => healthOf(ids.pad, '呼叫器', 'call pad'),
    evaluator,
    onRating(deviceId, level) {
      if (deviceId !== ids.evaluator) return;
      for (const cb of [...waiting]) cb(level);
    },
    awaitRating(timeoutMs) {
      const h = evaluator();
      if (h.state !== 'ready') return Promise.resolve({ status: 'unavailable', ...messageOf(h) });
      // One visitor at a time: a new service's evaluation ends the wait for the one before (its rating, if it ever
      // comes, still reaches the hall, which ties it to the right ticket).
      for (const cb of [...superseded]) cb();
      return new Promise((resolve) => {
        const done = (outcome: EvaluationOutcome) => {
          clearTimeout(timer);
          waiting.delete(onLevel);
          superseded.delete(onSuperseded);
          resolve(outcome);
        };
        const onLevel = (rating: 1 | 2 | 3 | 4 | 5) => done({ status: 'rated', rating });
        const onSuperseded = () =>
          done({ status: 'skipped', message: '已开始下一位的评价 / the next evaluation began' });
        superseded.add(onSuperseded);
        const timer = setTimeout(
          () => done({ status: 'timeout', message: '群众未评价 / the visitor did not rate' }),
          timeoutMs,
        );
        waiting.add(onLevel);
      });
    },
  };
}

const messageOf = (h: DeviceHealth): { message?: string } => (h.problem ? { message: h.problem } : {});

/** No printer configured: every print fails with that reason, so nothing is taken for printed. */
export function noPrinter(): WindowPrinter {
  const health: DeviceHealth = { state: 'absent', problem: '未配置回执打印机 / no receipt printer configured' };
  return {
    print: async () => {
      throw Object.assign(new Error('未配置回执打印机 / no receipt printer configured'), {
        messageZh: '未配置回执打印机',
        messageEn: 'no receipt printer configured',
      });
    },
    health: () => health,
    close: async () => undefined,
  };
}

/** No pad or evaluator on this PC (none, or they hang on the hall's gateway box and the hall drives them). */
export function noGatewayDevices(): WindowGatewayDevices {
  const absent: DeviceHealth = {
    state: 'absent',
    problem: '本机未接呼叫器和评价器 / no call pad or evaluator on this PC',
  };
  return {
    start: async () => undefined,
    close: async () => undefined,
    pad: () => absent,
    evaluator: () => absent,
    awaitRating: async () => ({ status: 'unavailable', message: absent.problem }),
  };
}

/** Prints and never throws: the outcome the renderer shows the clerk. */
export async function printOutcome(printer: WindowPrinter, bytes: Uint8Array): Promise<PrintOutcome> {
  try {
    await printer.print(bytes);
    return { printed: true };
  } catch (err) {
    return { printed: false, reason: problemOf(err).slice(0, 200) };
  }
}
