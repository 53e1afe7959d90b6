/**
 * `npm run hw -- idcard --port /dev/ttyUSB0 [--baud 115200] [--full] [--timeout 10000]`: reads one card and prints
 * its fields. The ID number (and address) are masked unless `full`, as everywhere public in the hall.
 * Exit codes: 0 card read; 1 anything else (port missing or busy, reader silent, no card within the timeout, invalid
 * card data) — the message says which.
 */
import type { BindingInterface } from '@serialport/bindings-interface';
import { maskIdNumber } from '@onedoor/protocol';
import { CARD_KIND_TEXT, type IdCard, type IdCardRecord } from '../id-card/card-text.js';
import { IdCardReader } from '../id-card/reader.js';
import { DeviceError, isDeviceError } from '../transport/device-error.js';
import { EXIT_DEVICE, EXIT_OK, sinks, type CommandOutput } from './cli-output.js';

export interface IdCardCommandArgs {
  /** Serial port of the reader. */
  port: string;
  /** Default 115200. */
  baudRate?: number;
  /** Show the full ID number and address, default false. */
  full?: boolean;
  /** How long to wait for a card, default 10000 ms. */
  timeoutMs?: number;
}

/** Test seams; production uses the real serial binding. */
export interface IdCardCommandDeps {
  binding?: BindingInterface;
  /** Time between read attempts while waiting for a card, default 300 ms. */
  pollIntervalMs?: number;
  /** Per-command reply timeout, default 1000 ms. */
  commandTimeoutMs?: number;
}

export async function runIdCard(
  args: IdCardCommandArgs,
  output: CommandOutput,
  deps: IdCardCommandDeps = {},
): Promise<number> {
  const { out, err } = sinks(output);
  const baudRate = args.baudRate ?? 115200;
  const timeoutMs = args.timeoutMs ?? 10_000;
  const reader = new IdCardReader({
    path: args.port,
    baudRate,
    commandTimeoutMs: deps.commandTimeoutMs ?? 1000,
    ...(deps.binding ? { binding: deps.binding } : {}),
  });
  try {
    try {
      await reader.open(); // opens the port and checks the SAM status (11 FF)
    } catch (e) {
      printError(err, e, baudRate);
      return EXIT_DEVICE;
    }
    out(`读卡器已连接（${args.port}，${baudRate} bps），请在 ${Math.round(timeoutMs / 1000)} 秒内放上证件…`);
    out(`Reader connected (${args.port}, ${baudRate} bps); place a card within ${Math.round(timeoutMs / 1000)} s…`);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      let record: IdCardRecord | null;
      try {
        record = await reader.readCard();
      } catch (e) {
        printError(err, e, baudRate);
        return EXIT_DEVICE;
      }
      if (record) {
        for (const line of formatCard(record, args.full ?? false)) out(line);
        return EXIT_OK;
      }
      if (Date.now() >= deadline) {
        err('未检测到证件：请把证件平放在读卡区，或检查读卡器');
        err('No card detected: lay the card flat on the reader');
        return EXIT_DEVICE;
      }
      await new Promise((r) => setTimeout(r, deps.pollIntervalMs ?? 300));
    }
  } finally {
    await reader.stop();
  }
}

function printError(out: (line: string) => void, e: unknown, baudRate: number): void {
  const err = isDeviceError(e) ? e : new DeviceError('READER_ERROR', String(e), String(e));
  out(`错误：${err.messageZh}`);
  out(`Error: ${err.messageEn}`);
  if (err.code === 'TIMEOUT') {
    out(`提示：当前波特率 ${baudRate}；读卡器出厂默认 115200，也可能被设为 57600/38400/19200/9600，可用 --baud 指定`);
    out(`Hint: baud rate is ${baudRate}; readers ship at 115200 and may be set to 57600/38400/19200/9600 (use --baud)`);
  }
}

/** The fields of a card as `label：value` lines, ID number (and address) masked unless `full`. */
export function formatCard(record: IdCardRecord, full: boolean): string[] {
  const c: IdCard = record.card;
  const hidden = '（已隐藏，加 --full 显示 / hidden, add --full）';
  const lines = [`证件类型 / Card: ${CARD_KIND_TEXT[c.kind].zh} (${CARD_KIND_TEXT[c.kind].en})`];
  const add = (zh: string, en: string, value: string): void => {
    lines.push(`${zh} / ${en}: ${value}`);
  };
  const validTo = c.longTerm ? '长期 (long-term)' : (c.validTo ?? '');
  switch (c.kind) {
    case 'resident':
    case 'hmt-residence-permit':
      add('姓名', 'Name', c.name);
      add('性别', 'Gender', c.genderText);
      if (c.nationCode) add('民族', 'Nation', c.nation ?? `未知代码 ${c.nationCode}`);
      add('出生日期', 'Birth date', c.birthDate);
      add('住址', 'Address', full ? c.address : hidden);
      add('公民身份号码', 'ID number', full ? c.idNumber : maskIdNumber(c.idNumber));
      add('签发机关', 'Issued by', c.issuingAuthority);
      if (c.kind === 'hmt-residence-permit') {
        add('通行证号码', 'Pass number', full ? c.passNumber : maskIdNumber(c.passNumber));
        add('签发次数', 'Issue count', String(c.issueCount));
      }
      break;
    case 'foreigner-2017':
    case 'foreigner-2023':
      add('中文姓名', 'Chinese name', c.chineseName);
      add('英文姓名', 'English name', c.englishName);
      add('性别', 'Gender', c.genderText);
      add('出生日期', 'Birth date', c.birthDate);
      add('国籍', 'Nationality', c.nationalityCode);
      add('证件号码', 'Card number', full ? c.cardNumber : maskIdNumber(c.cardNumber));
      break;
  }
  add('有效期限', 'Valid', `${c.validFrom} — ${validTo}`);
  add(
    '照片',
    'Photo',
    `WLT ${record.photoWlt.length} 字节 / bytes${record.photo ? `，已解码 ${record.photo.length} 字节` : ''}`,
  );
  return lines;
}
