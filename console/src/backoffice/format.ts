import { FALLBACK_TIME_ZONE, formatHallDateTime } from '@onedoor/protocol/client';
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

export const ACTION_LABEL: Record<string, string> = {
  receive: '收件',
  accept: '受理',
  reject: '不予受理',
  'request-correction': '补齐补正',
  supply: '补交材料',
  route: '分办',
  review: '审核',
  approve: '准予办结',
  refuse: '不予许可',
  suspend: '挂起',
  resume: '恢复办理',
  withdraw: '撤回',
  deliver: '出件',
  'conclude-bundle': '一件事办结',
};

export const MATERIAL_STATUS: Record<string, { color: string; text: string }> = {
  received: { color: 'green', text: '已收取' },
  'cert-lookup': { color: 'blue', text: '电子证照核验' },
  tolerated: { color: 'gold', text: '容缺后补' },
  missing: { color: 'red', text: '缺少' },
  'not-needed': { color: 'default', text: '无需提交' },
};

export function remainingText(days: number, paused: boolean): string {
  if (paused) return '暂停计时';
  if (days < 0) return `超期 ${-days} 个工作日`;
  return `${days} 个工作日`;
}
