import { createRoot } from 'react-dom/client';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { BackOffice } from './BackOffice';
import './backoffice.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <ConfigProvider
      locale={zhCN}
      button={{ autoInsertSpace: false }}
      theme={{
        token: {
          colorPrimary: '#1f5fbf',
          borderRadius: 6,
          fontFamily:
            '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", system-ui, -apple-system, sans-serif',
        },
      }}
    >
      <AntApp>
        <BackOffice origin={window.location.origin} />
      </AntApp>
    </ConfigProvider>,
  );
}
