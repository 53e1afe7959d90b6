import type { LinkStatus } from '@onedoor/protocol/client';

export function ConnectionDot({ status }: { status: LinkStatus }) {
  const text = status === 'online' ? '已连接' : status === 'connecting' ? '连接中' : '已断开';
  return (
    <span className={`od-conn od-conn-${status}`} data-testid="connection" title={`大厅服务器：${text}`}>
      <i />
      {text}
    </span>
  );
}
