import { describe, expect, it } from 'vitest';
import { decodePrinterStatus, encodePrinterStatus, isStatusByte, STATUS_REQUESTS } from './status.js';

describe('DLE EOT', () => {
  it('requests are 10 04 n for n = 1..4', () => {
    expect(Object.values(STATUS_REQUESTS).map((r) => Buffer.from(r).toString('hex'))).toEqual([
      '100401',
      '100402',
      '100403',
      '100404',
    ]);
  });

  it('0x12 on all four = ready', () => {
    const s = decodePrinterStatus({ printer: 0x12, offline: 0x12, error: 0x12, paper: 0x12 });
    expect(s.ok).toBe(true);
    expect(s.online).toBe(true);
    expect(s.problems).toEqual([]);
    expect(s.text).toBe('正常');
  });

  it('decodes the published out-of-paper example n1=0x1A, n2=0x32, n4=0x7E', () => {
    const s = decodePrinterStatus({ printer: 0x1a, offline: 0x32, error: 0x12, paper: 0x7e });
    expect(s.online).toBe(false);
    expect(s.paperEndStop).toBe(true);
    expect(s.paperNearEnd).toBe(true);
    expect(s.paperOut).toBe(true);
    expect(s.coverOpen).toBe(false);
    expect(s.ok).toBe(false);
    expect(s.problems).toEqual(['paper-out', 'paper-end-stop', 'offline', 'paper-near-end']);
    expect(s.text.startsWith('打印机缺纸，请装入打印纸')).toBe(true);
  });

  it('decodes cover open, cutter error, unrecoverable and auto-recoverable errors', () => {
    expect(decodePrinterStatus({ printer: 0x1a, offline: 0x16, error: 0x12, paper: 0x12 }).problems).toEqual([
      'cover-open',
      'offline',
    ]);
    expect(decodePrinterStatus({ printer: 0x1a, offline: 0x52, error: 0x1a, paper: 0x12 }).problems).toEqual([
      'cutter-error',
      'offline',
    ]);
    expect(decodePrinterStatus({ printer: 0x12, offline: 0x52, error: 0x32, paper: 0x12 }).problems).toEqual([
      'unrecoverable-error',
    ]);
    expect(decodePrinterStatus({ printer: 0x12, offline: 0x52, error: 0x52, paper: 0x12 }).problems).toEqual([
      'auto-recoverable-error',
    ]);
    expect(decodePrinterStatus({ printer: 0x12, offline: 0x52, error: 0x12, paper: 0x12 }).problems).toEqual(['error']);
  });

  it('near end alone is a warning, not a failure', () => {
    const s = decodePrinterStatus({ printer: 0x12, offline: 0x12, error: 0x12, paper: 0x1e });
    expect(s.ok).toBe(true);
    expect(s.problems).toEqual(['paper-near-end']);
    expect(s.text).toBe('打印纸即将用完，请尽快更换');
  });

  it('missing or malformed bytes mean no reply', () => {
    const s = decodePrinterStatus({ printer: 0x12 });
    expect(s.ok).toBe(false);
    expect(s.problems).toEqual(['no-reply']);
    expect(s.coverOpen).toBeNull();
    expect(isStatusByte(0x41)).toBe(false);
    expect(decodePrinterStatus({ printer: 0x41, offline: 0x12, error: 0x12, paper: 0x12 }).online).toBeNull();
  });

  it('the simulator encoding decodes back to the same state', () => {
    expect(decodePrinterStatus(encodePrinterStatus({})).ok).toBe(true);
    expect(encodePrinterStatus({ paperOut: true })).toEqual({ printer: 0x1a, offline: 0x32, error: 0x12, paper: 0x7e });
    expect(decodePrinterStatus(encodePrinterStatus({ coverOpen: true })).problems).toEqual(['cover-open', 'offline']);
    expect(decodePrinterStatus(encodePrinterStatus({ offline: true })).problems).toEqual(['offline']);
  });
});
