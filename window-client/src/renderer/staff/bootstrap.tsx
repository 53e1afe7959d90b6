import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';

const THEME = {
  token: {
    colorPrimary: '#1f5fbf',
    borderRadius: 6,
    fontFamily:
      '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, -apple-system, sans-serif',
  },
};

/** Mounts a staff app (clerk app, console, back office) into #root with the house's antd theme, in Chinese. */
export function renderStaffApp(app: ReactNode): void {
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <ConfigProvider locale={zhCN} button={{ autoInsertSpace: false }} theme={THEME}>
      <AntApp>{app}</AntApp>
    </ConfigProvider>,
  );
}
