import { FALLBACK_TIME_ZONE, formatHallDateTime } from '@onedoor/protocol/client';
import type { MaterialStatus } from '@onedoor/protocol';
import type { Level } from './types';

/**
 * Hall-local time for display, whatever zone the PC is set to. The back office reads no hall snapshot, and its REST
 * answers do not carry the hall's zone yet, so it shows the default hall zone.
 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  return formatHallDateTime(iso, FALLBACK_TIME_ZONE);
}

export const LEVEL_TAG: Record<Level, { color: string; text: string }> = {
  normal: { color: 'green', text: '正常' },
  yellow: { color: 'gold', text: '黄牌预警' },
  red: { color: 'red', text: '红牌超期' },
  paused: { color: 'default', text: '计时暂停' },
};

/** Tag colours of the checklist states; the words are the protocol's MATERIAL_STATUS_TEXT. */
export const MATERIAL_STATUS_COLOR: Record<MaterialStatus, string> = {
  received: 'green',
  'cert-lookup': 'blue',
  tolerated: 'gold',
  missing: 'red',
  'not-needed': 'default',
};

export function remainingText(days: number, paused: boolean): string {
  if (paused) return '暂停计时';
  if (days < 0) return `超期 ${-days} 个工作日`;
  return `${days} 个工作日`;
}
