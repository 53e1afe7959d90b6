import { describe, expect, it } from 'vitest';
import type { OutboxItemView, PlatformSyncState } from '@onedoor/protocol';
import { ago, backlogView, deadLetterRows, linkView } from './sync-model';

const NOW = Date.parse('2026-03-02T10:00:00Z');
const minutesAgo = (m: number) => new Date(NOW - m * 60_000).toISOString();

const item = (over: Partial<OutboxItemView> = {}): OutboxItemView => ({
  id: 7,
  kind: 'case-stage',
  stream: 'case:c1',
  caseNo: '33010020260302000001',
  summary: '办件 33010020260302000001 受理（受理）',
  status: 'pending',
  attempts: 3,
  refusals: 0,
  createdAt: minutesAgo(125),
  lastAttemptAt: minutesAgo(2),
  nextAttemptAt: minutesAgo(-5),
  lastError: null,
  deliveredAt: null,
  ...over,
});

const state = (over: Partial<PlatformSyncState> = {}): PlatformSyncState => ({
  enabled: true,
  timeZone: 'Asia/Shanghai',
  url: 'http://platform',
  hallCode: 'hall',
  signing: 'HMAC-SHA256',
  link: { state: 'up', since: minutesAgo(300), lastSuccessAt: minutesAgo(1), lastError: null, nextAttemptAt: null },
  outbox: { depth: 0, oldestPending: null, blocked: 0, deliveredTotal: 12, lastDeliveredAt: minutesAgo(1) },
  deadLetters: [],
  recentErrors: [],
  inbound: {
    lastPullAt: null,
    lastPullError: null,
    appointmentsCursor: null,
    resultsCursor: null,
    applied: 0,
    ignored: 0,
  },
  alarms: [],
  ...over,
});

describe('sync page model', () => {
  it('says how long ago in minutes, hours and days', () => {
    expect(ago(null, NOW)).toBe('—');
    expect(ago(minutesAgo(0.5), NOW)).toBe('刚刚');
    expect(ago(minutesAgo(42), NOW)).toBe('42 分钟前');
    expect(ago(minutesAgo(125), NOW)).toBe('2 小时 5 分钟前');
    expect(ago(minutesAgo(180), NOW)).toBe('3 小时前');
    expect(ago(minutesAgo(26 * 60), NOW)).toBe('1 天 2 小时前');
  });

  it('the link: up, down since when (records kept), not configured', () => {
    expect(linkView(state(), NOW)).toMatchObject({
      tone: 'ok',
      text: '连接正常',
      detail: '平台最近一次应答在 1 分钟前',
    });
    const down = state({
      link: { state: 'down', since: minutesAgo(90), lastSuccessAt: null, lastError: 'x', nextAttemptAt: null },
    });
    expect(linkView(down, NOW)).toMatchObject({ tone: 'bad', text: '连接中断' });
    expect(linkView(down, NOW).detail).toContain('1 小时 30 分钟前起中断');
    expect(linkView(state({ enabled: false }), NOW)).toMatchObject({ tone: 'idle', text: '未接入' });
  });

  it('the backlog: empty is fine, old is a warning, a dead letter is called out and holds its case', () => {
    expect(backlogView(state(), NOW)).toEqual({
      tone: 'ok',
      depth: 0,
      oldest: '没有待上报的记录',
      blocked: null,
      dead: null,
    });
    const old = backlogView(state({ outbox: { ...state().outbox, depth: 40, oldestPending: item() } }), NOW);
    expect(old).toMatchObject({ tone: 'warn', depth: 40 });
    expect(old.oldest).toBe('最早一条 2 小时 5 分钟前：办件 33010020260302000001 受理（受理）');
    const dead = backlogView(
      state({
        outbox: { ...state().outbox, depth: 2, blocked: 1 },
        deadLetters: [item({ status: 'dead', refusals: 5 })],
      }),
      NOW,
    );
    expect(dead.dead).toBe('另有 1 条死信待人工处理（见下）');
    expect(dead.blocked).toBe('1 条排在死信之后，待死信重发后按顺序上报');
  });

  it('dead letter rows for the table', () => {
    expect(deadLetterRows([item({ status: 'dead', refusals: 5, lastError: '平台拒收（HTTP 422）' })], NOW)).toEqual([
      {
        key: 7,
        id: 7,
        kind: '办件环节',
        summary: '办件 33010020260302000001 受理（受理）',
        refusals: 5,
        lastError: '平台拒收（HTTP 422）',
        lastAttempt: '2 分钟前',
      },
    ]);
  });
});
