import { createContext, useCallback, useContext } from 'react';
import { FALLBACK_TIME_ZONE, formatHallDateTime } from '@onedoor/protocol/client';
import type { MaterialStatus } from '@onedoor/protocol';
import type { Level } from './types';

/** The hall's time zone, from `GET /api/backoffice/me`, for every time the back office shows. */
export const HallTimeZone = createContext<string>(FALLBACK_TIME_ZONE);

/**
 * Hall-local time for display, whatever zone the PC is set to: a case's 受理时间 and its case number (dated by the
 * hall's day) must agree on a PC left on UTC.
 */
export function useHallTime(): (iso: string | null | undefined) => string {
  const zone = useContext(HallTimeZone);
  return useCallback((iso) => (iso ? formatHallDateTime(iso, zone) : '—'), [zone]);
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
