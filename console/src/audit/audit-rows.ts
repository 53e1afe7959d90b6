import type { AuditEntry } from '@onedoor/protocol';

/** The actions a manager filters by (a prefix matches every action under it). */
export const ACTION_FILTERS: { value: string; label: string }[] = [
  { value: 'config.', label: '全部配置变更' },
  { value: 'config.service', label: '业务' },
  { value: 'config.window', label: '窗口' },
  { value: 'config.staff', label: '人员' },
  { value: 'config.device', label: '设备' },
  { value: 'config.calendar', label: '工作日' },
  { value: 'config.alarm', label: '报警阈值' },
  { value: 'config.notice', label: '公告' },
  { value: 'config.retention', label: '数据保留' },
  { value: 'config.catalog', label: '事项目录' },
  { value: 'floor.', label: '现场调度' },
  { value: 'staff-card', label: '工作人员卡' },
  { value: 'login', label: '登录' },
  { value: 'read-personal-data', label: '查看个人信息' },
];

const ACTION_TEXT: Record<string, string> = {
  'config.service.create': '新建业务',
  'config.service.update': '修改业务',
  'config.service.open': '开放业务',
  'config.service.close': '关闭业务',
  'config.window.create': '新建窗口',
  'config.window.update': '修改窗口',
  'config.staff.create': '新建人员',
  'config.staff.update': '修改人员',
  'config.staff.enable': '启用账号',
  'config.staff.disable': '停用账号',
  'config.staff.password-reset': '重置密码',
  'staff-card-registered': '登记工作人员卡',
  'staff-card-removed': '移除工作人员卡',
  'config.device.create': '登记设备',
  'config.device.update': '修改设备',
  'config.device.revoke': '吊销设备',
  'config.device.pairing-code': '生成配对码',
  'config.calendar.override': '调整工作日',
  'config.calendar.override-removed': '删除工作日调整',
  'config.alarm-thresholds': '修改报警阈值',
  'config.notice': '发布公告',
  'config.retention': '修改保留期限',
  'config.catalog.import': '导入事项目录',
  'floor.move-waiting': '转移等候群众',
  'floor.move-clerk': '调换窗口人员',
  login: '登录',
  'login-failed': '登录失败',
  'read-personal-data': '查看个人信息',
  backup: '备份',
};

export interface AuditRow {
  id: number;
  at: string;
  who: string;
  action: string;
  target: string;
  /** The fields that differ, `名称: 旧 → 新`, or the whole record for a creation or removal. */
  change: string;
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What changed, in one line: only the fields whose value differs between before and after. */
export function describeChange(before: unknown, after: unknown): string {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    const changed = keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    return changed.map((k) => `${k}: ${show(before[k])} → ${show(after[k])}`).join('；') || '（无变化）';
  }
  if (before === null && after !== null) return `新建 ${show(after)}`;
  if (after === null && before !== null) return `删除 ${show(before)}`;
  return '';
}

export function auditRows(entries: readonly AuditEntry[]): AuditRow[] {
  return entries.map((e) => ({
    id: e.id,
    at: e.at,
    who: e.staffName ?? e.staffId ?? '系统',
    action: ACTION_TEXT[e.action] ?? e.action,
    target: e.target ?? '',
    change: [describeChange(e.before, e.after), e.detail ?? ''].filter(Boolean).join('；'),
  }));
}
