import type { StaffView } from './dto/auth.js';
import { EVALUATION_CHANNEL_TEXT, type EvaluationView } from './dto/evaluation.js';
import type { WindowConfig } from './dto/queue.js';

export interface EvaluationRow {
  id: string;
  at: string;
  window: string;
  clerk: string;
  level: EvaluationView['level'];
  levelText: string;
  /** 差评: 不满意 or 非常不满意 (levels 2 and 1). */
  bad: boolean;
  /** A bad rating's reason, or what is still missing. */
  reason: string;
  channel: string;
  cases: number;
}

/**
 * The ratings as the console lists them and the hall exports them: names instead of ids, 差评 marked, only the bad
 * ones when asked.
 */
export function evaluationRows(
  ratings: readonly EvaluationView[],
  windows: readonly Pick<WindowConfig, 'id' | 'name'>[],
  staff: readonly Pick<StaffView, 'id' | 'name'>[],
  filter: { windowId: string | null; badOnly: boolean },
): EvaluationRow[] {
  const windowName = new Map(windows.map((w) => [w.id, w.name]));
  const staffName = new Map(staff.map((s) => [s.id, s.name]));
  return ratings
    .filter((r) => (filter.windowId === null || r.windowId === filter.windowId) && (!filter.badOnly || r.level <= 2))
    .map((r) => ({
      id: r.id,
      at: r.at,
      window: windowName.get(r.windowId) ?? r.windowId,
      clerk: r.clerkId ? (staffName.get(r.clerkId) ?? r.clerkId) : '—',
      level: r.level,
      levelText: r.levelText,
      bad: r.level <= 2,
      reason: r.level <= 2 ? (r.reason ?? '（尚未填写原因）') : '',
      channel: EVALUATION_CHANNEL_TEXT[r.channel].zh,
      cases: r.caseIds.length,
    }));
}
