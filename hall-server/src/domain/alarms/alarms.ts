import { appError } from '@onedoor/protocol';
import { failure, success, type Result } from '../result';

/**
 * The hall's alarm rules (domain.md §6.3, §8.4). Pure: the app hands in what it sees now (tickets waiting, windows,
 * devices, cases, reviews, rectifications, complaints) and the open alarms; `reconcile` says which alarms to raise and
 * which conditions have cleared. An alarm stays in the list until a manager acknowledges it, even after its condition
 * cleared — a manager must have seen it (issue 10).
 *
 * The numbers are hall configuration: no standard gives them (§6.3 "no national numeric thresholds found").
 */
export interface AlarmThresholds {
  /** A ticket waiting longer than this many minutes. */
  waitMinutes: number;
  /** A service with more than this many tickets waiting. */
  queueLength: number;
  /** A window paused longer than this many minutes. */
  pausedMinutes: number;
  /** A case turns yellow when its remaining working days ≤ max(1, ⌈yellowPercent % × promised days⌉). */
  yellowPercent: number;
}

export const DEFAULT_ALARM_THRESHOLDS: AlarmThresholds = {
  waitMinutes: 30,
  queueLength: 20,
  pausedMinutes: 15,
  yellowPercent: 20,
};

const THRESHOLD_LIMITS: Record<keyof AlarmThresholds, { max: number; zh: string; en: string }> = {
  waitMinutes: { max: 24 * 60, zh: '等候超时（分钟）', en: 'wait over (minutes)' },
  queueLength: { max: 10_000, zh: '排队人数上限', en: 'queue length over' },
  pausedMinutes: { max: 24 * 60, zh: '窗口暂停超时（分钟）', en: 'window paused over (minutes)' },
  yellowPercent: { max: 100, zh: '黄牌剩余时限比例（%）', en: 'yellow card at remaining limit (%)' },
};

/** Checks a change of thresholds: every value a whole number from 1 to its limit, else nothing changes. */
export function validateThresholds(
  current: AlarmThresholds,
  change: Partial<Record<string, unknown>>,
): Result<AlarmThresholds> {
  const next: AlarmThresholds = { ...current };
  for (const [key, value] of Object.entries(change)) {
    if (!(key in THRESHOLD_LIMITS)) {
      return failure(
        appError('BAD_REQUEST', `没有名为「${key}」的报警阈值`, `there is no alarm threshold named "${key}"`),
      );
    }
    const name = key as keyof AlarmThresholds;
    const limit = THRESHOLD_LIMITS[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > limit.max) {
      return failure(
        appError(
          'BAD_REQUEST',
          `${limit.zh}须为 1 到 ${limit.max} 之间的整数，收到的是 ${String(value)}；阈值未修改`,
          `${limit.en} must be a whole number from 1 to ${limit.max}, got ${String(value)}; no threshold was changed`,
          [{ path: key, message: `1–${limit.max}` }],
        ),
      );
    }
    next[name] = value;
  }
  return success(next);
}

export type AlarmKind =
  | 'wait-too-long'
  | 'queue-too-long'
  | 'window-paused'
  | 'device-offline'
  | 'printer-paper'
  | 'case-yellow'
  | 'case-red'
  | 'bad-review'
  | 'rectification-overdue'
  | 'complaint-overdue'
  | 'device-fault';

/** What the app sees now. Times are epoch milliseconds. */
export interface HallSituation {
  now: number;
  waiting: readonly { ticketId: string; ticketNo: string; serviceId: string; issuedAt: number }[];
  services: readonly { serviceId: string; name: string; waiting: number }[];
  windows: readonly { windowId: string; name: string; pausedSince?: number }[];
  devices: readonly {
    deviceId: string;
    name: string;
    online: boolean;
    paper?: 'ok' | 'low' | 'out';
    /** What is wrong with it, in words for people (读卡器无响应, 打印机上盖打开 …): see device-health.ts. */
    faults?: readonly { zh: string; en: string }[];
  }[];
  cases: readonly { caseId: string; caseNo: string; promisedLimitDays: number; remainingWorkingDays: number }[];
  badReviews: readonly { evaluationId: string; level: number; windowName?: string }[];
  /** `label` names it for the manager (the window and level; the complaint's number). */
  rectifications: readonly { rectificationId: string; dueAt: number; closed: boolean; label?: AlarmLabel }[];
  complaints: readonly { complaintId: string; dueAt: number; closed: boolean; label?: AlarmLabel }[];
}

export interface AlarmLabel {
  zh: string;
  en: string;
}

/** An alarm condition. `key` names the thing and the kind, so the same condition is raised once. */
export interface AlarmCondition {
  key: string;
  kind: AlarmKind;
  severity: 'warning' | 'critical';
  message: string;
  messageEn: string;
}

export interface OpenAlarm {
  key: string;
  /** The condition no longer holds; the alarm stays until acknowledged. */
  cleared: boolean;
}

const minutes = (ms: number) => Math.floor(ms / 60_000);

/** The yellow line of §8.4: remaining working days ≤ max(1, ⌈p % × promised days⌉). */
export function yellowLineDays(promisedLimitDays: number, yellowPercent: number): number {
  return Math.max(1, Math.ceil((yellowPercent / 100) * promisedLimitDays));
}

/** Every alarm condition that holds in this situation. */
export function detectAlarms(s: HallSituation, t: AlarmThresholds): AlarmCondition[] {
  const out: AlarmCondition[] = [];
  for (const w of s.waiting) {
    const waited = minutes(s.now - w.issuedAt);
    // "Over N minutes": N itself is still within the promise.
    if (waited > t.waitMinutes) {
      out.push({
        key: `wait-too-long:${w.ticketId}`,
        kind: 'wait-too-long',
        severity: 'warning',
        message: `${w.ticketNo} 号已等候 ${waited} 分钟（超过 ${t.waitMinutes} 分钟）`,
        messageEn: `ticket ${w.ticketNo} has waited ${waited} min (over ${t.waitMinutes})`,
      });
    }
  }
  for (const sv of s.services) {
    if (sv.waiting > t.queueLength) {
      out.push({
        key: `queue-too-long:${sv.serviceId}`,
        kind: 'queue-too-long',
        severity: 'warning',
        message: `${sv.name} 排队 ${sv.waiting} 人（超过 ${t.queueLength} 人）`,
        messageEn: `${sv.name}: ${sv.waiting} waiting (over ${t.queueLength})`,
      });
    }
  }
  for (const w of s.windows) {
    if (w.pausedSince === undefined) continue;
    const paused = minutes(s.now - w.pausedSince);
    if (paused > t.pausedMinutes) {
      out.push({
        key: `window-paused:${w.windowId}`,
        kind: 'window-paused',
        severity: 'warning',
        message: `${w.name} 已暂停 ${paused} 分钟（超过 ${t.pausedMinutes} 分钟）`,
        messageEn: `${w.name} paused for ${paused} min (over ${t.pausedMinutes})`,
      });
    }
  }
  for (const d of s.devices) {
    const faults = d.faults ?? [];
    // A device that answers with a fault is not merely offline: the fault says what to fix.
    if (faults.length > 0) {
      out.push({
        key: `device-fault:${d.deviceId}`,
        kind: 'device-fault',
        severity: 'critical',
        message: `设备「${d.name}」故障：${faults.map((f) => f.zh).join('、')}`,
        messageEn: `device "${d.name}" reports a fault: ${faults.map((f) => f.en).join(', ')}`,
      });
    } else if (!d.online) {
      out.push({
        key: `device-offline:${d.deviceId}`,
        kind: 'device-offline',
        severity: 'critical',
        message: `设备「${d.name}」离线`,
        messageEn: `device "${d.name}" is offline`,
      });
    }
    if (d.online && (d.paper === 'out' || d.paper === 'low')) {
      out.push({
        key: `printer-paper:${d.deviceId}`,
        kind: 'printer-paper',
        severity: d.paper === 'out' ? 'critical' : 'warning',
        message: d.paper === 'out' ? `「${d.name}」打印机缺纸` : `「${d.name}」打印机纸将用尽`,
        messageEn: d.paper === 'out' ? `"${d.name}" printer is out of paper` : `"${d.name}" printer paper is low`,
      });
    }
  }
  for (const c of s.cases) {
    if (c.remainingWorkingDays < 0) {
      out.push({
        key: `case-red:${c.caseId}`,
        kind: 'case-red',
        severity: 'critical',
        message: `办件 ${c.caseNo} 已超期（红牌）`,
        messageEn: `case ${c.caseNo} is overdue (red card)`,
      });
    } else if (c.remainingWorkingDays <= yellowLineDays(c.promisedLimitDays, t.yellowPercent)) {
      out.push({
        key: `case-yellow:${c.caseId}`,
        kind: 'case-yellow',
        severity: 'warning',
        message: `办件 ${c.caseNo} 剩余 ${c.remainingWorkingDays} 个工作日（黄牌）`,
        messageEn: `case ${c.caseNo} has ${c.remainingWorkingDays} working day(s) left (yellow card)`,
      });
    }
  }
  for (const r of s.badReviews) {
    out.push({
      key: `bad-review:${r.evaluationId}`,
      kind: 'bad-review',
      severity: 'warning',
      message: `收到差评（${r.level} 级）${r.windowName ? `：${r.windowName}` : ''}`,
      messageEn: `bad review (level ${r.level})${r.windowName ? `: ${r.windowName}` : ''}`,
    });
  }
  for (const r of s.rectifications) {
    if (!r.closed && s.now > r.dueAt) {
      out.push({
        key: `rectification-overdue:${r.rectificationId}`,
        kind: 'rectification-overdue',
        severity: 'critical',
        message: r.label ? `差评整改已超期：${r.label.zh}` : '差评整改已超期',
        messageEn: r.label
          ? `a bad-review rectification is overdue: ${r.label.en}`
          : 'a bad-review rectification is overdue',
      });
    }
  }
  for (const c of s.complaints) {
    if (!c.closed && s.now > c.dueAt) {
      out.push({
        key: `complaint-overdue:${c.complaintId}`,
        kind: 'complaint-overdue',
        severity: 'critical',
        message: c.label ? `投诉 ${c.label.zh} 已超期` : '投诉处理已超期',
        messageEn: c.label ? `complaint ${c.label.en} is past its due date` : 'a complaint is past its due date',
      });
    }
  }
  return out;
}

/**
 * What changes: conditions with no open alarm are raised; open alarms whose condition no longer holds are marked
 * cleared (they stay listed until acknowledged). A case that turns from yellow to red raises red as a new alarm —
 * a different key — because red is a different thing to answer for.
 */
export function reconcile(
  conditions: readonly AlarmCondition[],
  open: readonly OpenAlarm[],
): { raise: AlarmCondition[]; clear: string[] } {
  const openKeys = new Set(open.map((a) => a.key));
  const holding = new Set(conditions.map((c) => c.key));
  return {
    raise: conditions.filter((c) => !openKeys.has(c.key)),
    clear: open.filter((a) => !a.cleared && !holding.has(a.key)).map((a) => a.key),
  };
}

/** Acknowledging needs a person and keeps their note; an alarm is acknowledged once. */
export function acknowledge(
  alarm: { acknowledgedAt?: number } | undefined,
  by: string,
  note: string,
  now: number,
): Result<{ acknowledgedBy: string; acknowledgedAt: number; note: string }> {
  if (!alarm) return failure(appError('NOT_FOUND', '没有这条报警', 'no such alarm'));
  if (alarm.acknowledgedAt !== undefined) {
    return failure(appError('CONFLICT', '这条报警已经确认过了', 'this alarm was already acknowledged'));
  }
  if (note.length > 500) {
    return failure(appError('BAD_REQUEST', '备注不能超过 500 个字', 'the note may be at most 500 characters'));
  }
  return success({ acknowledgedBy: by, acknowledgedAt: now, note: note.trim() });
}
