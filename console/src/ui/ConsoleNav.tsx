export type ConsolePage =
  | 'overview'
  | 'backoffice'
  | 'sync'
  | 'stats'
  | 'evaluations'
  | 'rectifications'
  | 'complaints'
  | 'config'
  | 'audit'
  | 'region';

const PAGES: { page: ConsolePage; href: string; label: string }[] = [
  { page: 'overview', href: '/console/', label: '大厅总览' },
  { page: 'stats', href: '/console/stats.html', label: '统计报表' },
  { page: 'evaluations', href: '/console/evaluations.html', label: '好差评' },
  { page: 'rectifications', href: '/console/rectifications.html', label: '差评整改' },
  { page: 'complaints', href: '/console/complaints.html', label: '服务投诉' },
  { page: 'backoffice', href: '/console/backoffice.html', label: '后台审批' },
  { page: 'sync', href: '/console/sync.html', label: '平台同步' },
  { page: 'config', href: '/console/config.html', label: '配置' },
  { page: 'audit', href: '/console/audit.html', label: '审计日志' },
  { page: 'region', href: '/console/region.html', label: '区域总览' },
];

/** The console's page links, the current one marked. */
export function ConsoleNav({ active }: { active: ConsolePage }) {
  return (
    <nav className="oc-nav">
      {PAGES.map(({ page, href, label }) => (
        <a key={page} href={href} data-testid={`nav-${page}`} className={page === active ? 'oc-nav-active' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
