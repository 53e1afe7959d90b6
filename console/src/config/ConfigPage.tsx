import { Alert, Tabs } from 'antd';
import { useServerNow, type StaffSession } from '@onedoor/staff-ui';
import { ConsolePageHeader } from '../ui/ConsolePageHeader';
import { CalendarPanel } from './CalendarPanel';
import { CatalogPanel } from './CatalogPanel';
import { DevicesPanel } from './DevicesPanel';
import { HallSettingsPanel } from './HallSettingsPanel';
import { ServicesPanel } from './ServicesPanel';
import { StaffPanel } from './StaffPanel';
import { useConfigData } from './use-config-data';
import { WindowsPanel } from './WindowsPanel';

/**
 * 配置: one tab per part of the hall. Every change goes to the server, which refuses bad input in plain words (shown in
 * the red bar, nothing changed) and audits what it accepts (审计日志).
 */
export function ConfigPage({
  origin,
  session,
  onLogout,
  onUnauthorized,
}: {
  origin: string;
  session: StaffSession;
  onLogout: () => void;
  onUnauthorized: (message: string) => void;
}) {
  const now = useServerNow(0);
  const config = useConfigData(origin, session.sessionToken, onUnauthorized);
  const { data, failure } = config;
  const tabs = [
    { key: 'services', label: '业务', children: <ServicesPanel config={config} /> },
    { key: 'windows', label: '窗口', children: <WindowsPanel config={config} /> },
    { key: 'staff', label: '人员与角色', children: <StaffPanel config={config} self={session.staff.id} /> },
    { key: 'devices', label: '设备', children: <DevicesPanel config={config} /> },
    { key: 'calendar', label: '工作日与节假日', children: <CalendarPanel config={config} /> },
    { key: 'hall', label: '公告、报警与数据保留', children: <HallSettingsPanel config={config} /> },
    { key: 'catalog', label: '事项目录', children: <CatalogPanel config={config} /> },
  ];
  return (
    <div className="oc-shell" data-testid="config-page">
      <ConsolePageHeader
        active="config"
        info={data.hallName && <span className="oc-hall">{data.hallName}</span>}
        now={now}
        timeZone={data.timeZone}
        session={session}
        onLogout={onLogout}
      />
      {failure && (
        <Alert
          className="oc-alert"
          type="error"
          showIcon
          closable
          onClose={config.clearFailure}
          title={failure}
          data-testid="config-error"
        />
      )}
      <main className="oc-page-main">
        <Tabs items={tabs} destroyOnHidden={false} data-testid="config-tabs" />
      </main>
    </div>
  );
}
