/**
 * The sync page's words and numbers, from the server's sync state (pure, tested without a browser): how far behind
 * the hall's record on the platform is, and what needs a person.
 */
import type { OutboxItemView, OutboxKind, PlatformSyncState } from '@onedoor/protocol';

export const KIND_TEXT: Record<OutboxKind, string> = {
  'case-stage': '办件环节',
  evaluation: '好差评',
  'queue-status': '排队状态',
  'no-show': '预约爽约',
};

export type Tone = 'ok' | 'warn' | 'bad' | 'idle';

/** "3 分钟前", "2 小时 5 分钟前", "1 天 2 小时前" — how long ago, in the words a manager reads at a glance. */
export function ago(iso: string | null, now: number): string {
  if (!iso) return '—';
  const ms = Math.max(0, now - Date.parse(iso));
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 1) return '刚刚';
  if (minutes < 60) return `${minutes} 分钟前`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} 小时 ${minutes % 60} 分钟前` : `${hours} 小时前`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} 天 ${hours % 24} 小时前` : `${days} 天前`;
}

export interface LinkView {
  tone: Tone;
  text: string;
  detail: string;
}

export function linkView(s: PlatformSyncState, now: number): LinkView {
  if (!s.enabled) return { tone: 'idle', text: '未接入', detail: '本大厅未接入一体化政务服务平台' };
  switch (s.link.state) {
    case 'up':
      return { tone: 'ok', text: '连接正常', detail: `平台最近一次应答在 ${ago(s.link.lastSuccessAt, now)}` };
    case 'down':
      return {
        tone: 'bad',
        text: '连接中断',
        detail: `自 ${ago(s.link.since, now)}起中断；记录保存在本地，恢复后自动补传`,
      };
    case 'unknown':
      return { tone: 'idle', text: '尚未联系', detail: '启动后还没有与平台通信' };
  }
}

export interface BacklogView {
  tone: Tone;
  depth: number;
  oldest: string;
  blocked: string | null;
  /** Dead letters wait for a person (they are not in the depth). */
  dead: string | null;
}

export function backlogView(s: PlatformSyncState, now: number): BacklogView {
  const o = s.outbox;
  const oldest = o.oldestPending;
  const age = oldest ? now - Date.parse(oldest.createdAt) : 0;
  return {
    tone: o.depth === 0 ? 'ok' : age > 15 * 60_000 ? 'warn' : 'ok',
    depth: o.depth,
    oldest: oldest ? `最早一条 ${ago(oldest.createdAt, now)}：${oldest.summary}` : '没有待上报的记录',
    blocked: o.blocked > 0 ? `${o.blocked} 条排在死信之后，待死信重发后按顺序上报` : null,
    dead: s.deadLetters.length > 0 ? `另有 ${s.deadLetters.length} 条死信待人工处理（见下）` : null,
  };
}

export interface DeadLetterRow {
  key: number;
  id: number;
  kind: string;
  summary: string;
  refusals: number;
  lastError: string;
  lastAttempt: string;
}

export function deadLetterRows(items: readonly OutboxItemView[], now: number): DeadLetterRow[] {
  return items.map((d) => ({
    key: d.id,
    id: d.id,
    kind: KIND_TEXT[d.kind],
    summary: d.summary,
    refusals: d.refusals,
    lastError: d.lastError ?? '',
    lastAttempt: ago(d.lastAttemptAt, now),
  }));
}
