import { Spin, Typography } from 'antd';
import type { LinkStatus } from '@onedoor/protocol/client';
import './staff.css';

/** Shown until the first hall snapshot has arrived. */
export function ConnectingScreen({ status }: { status: LinkStatus }) {
  return (
    <div className="staff-center">
      <Spin size="large" />
      <Typography.Text type="secondary" style={{ marginTop: 16 }}>
        {status === 'offline' ? '无法连接大厅服务器，正在重试…' : '正在连接大厅服务器…'}
      </Typography.Text>
    </div>
  );
}
