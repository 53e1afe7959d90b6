import {
  RATING_LEVEL_TEXT,
  type RectificationStatus,
  type RectificationView,
  type StaffView,
  type WindowConfig,
} from '@onedoor/protocol';

export interface RectificationRow {
  id: string;
  ratedAt: string;
  window: string;
  clerk: string;
  levelText: string;
  reason: string;
  status: RectificationStatus;
  statusText: string;
  dueAt: string;
  overdue: boolean;
}

/** The rectifications as the page lists them: names instead of ids; only the open ones when asked. */
export function rectificationRows(
  list: readonly RectificationView[],
  windows: readonly Pick<WindowConfig, 'id' | 'name'>[],
  staff: readonly Pick<StaffView, 'id' | 'name'>[],
  filter: { openOnly: boolean },
): RectificationRow[] {
  const windowName = new Map(windows.map((w) => [w.id, w.name]));
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  return list
    .filter((r) => !filter.openOnly || !isFinished(r.status))
    .map((r) => ({
      id: r.id,
      ratedAt: r.ratedAt,
      window: windowName.get(r.windowId) ?? r.windowId,
      clerk: r.clerkId ? (staffName.get(r.clerkId) ?? r.clerkId) : '—',
      levelText: RATING_LEVEL_TEXT[r.level].zh,
      reason: r.reason ?? '（尚未填写原因）',
      status: r.status,
      statusText: r.statusText,
      dueAt: r.dueAt,
      overdue: r.overdue,
    }));
}

export function isFinished(status: RectificationStatus): boolean {
  return status === 'closed' || status === 'invalid';
}

/** The four steps of the loop, for the progress bar; an invalid review stops after the first. */
export const LOOP_STEPS = ['研判', '整改', '回访', '办结'] as const;

/** Where a rectification stands on the loop (0 = to be judged … 4 = closed). */
export function loopIndex(status: RectificationStatus): number {
  const at: Record<RectificationStatus, number> = {
    pending: 0,
    rectifying: 1,
    rectified: 2,
    'called-back': 3,
    closed: 4,
    invalid: 1,
  };
  return at[status];
}

/** The next step's form, by status: null when nothing follows. */
export type NextStep = 'judge' | 'rectify' | 'call-back' | 'conclude';
export function nextStep(status: RectificationStatus): NextStep | null {
  const next: Record<RectificationStatus, NextStep | null> = {
    pending: 'judge',
    rectifying: 'rectify',
    rectified: 'call-back',
    'called-back': 'conclude',
    closed: null,
    invalid: null,
  };
  return next[status];
}

const DAY_MS = 86_400_000;

/**
 * The 整改期限 a department may pick when it judges a review valid: N days after the rating, up to the hall's limit
 * (the default due date, set by the server from its configuration), and not already past. The server checks it again.
 */
export function dueDayOptions(ratedAt: string, defaultDueAt: string, now: number): { days: number; dueAt: string }[] {
  const rated = Date.parse(ratedAt);
  const max = Math.round((Date.parse(defaultDueAt) - rated) / DAY_MS);
  const out: { days: number; dueAt: string }[] = [];
  for (let days = 1; days <= max; days++) {
    const due = rated + days * DAY_MS;
    if (due > now) out.push({ days, dueAt: new Date(due).toISOString() });
  }
  return out;
}
