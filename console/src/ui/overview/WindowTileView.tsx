import { Button } from 'antd';
import type { WindowTile } from '../../console-model';

/** One window: its number being served, its state and clerk; pause or open it. */
export function WindowTileView({
  tile,
  busy,
  onPause,
  onOpen,
  onClose,
  onMoveClerk,
}: {
  tile: WindowTile;
  busy: boolean;
  onPause: () => void;
  onOpen: () => void;
  onClose?: () => void;
  onMoveClerk?: () => void;
}) {
  return (
    <div className={`oc-tile oc-tone-${tile.tone}`} data-testid={`tile-${tile.id}`} data-tone={tile.tone}>
      <div className="oc-tile-top">
        <span className="oc-tile-name">{tile.name}</span>
        <span className="oc-tile-kind">{tile.kindText}</span>
      </div>
      <div className="oc-tile-mid">
        <span className="oc-tile-number" data-testid={`tile-number-${tile.id}`}>
          {tile.currentNumber ?? '—'}
        </span>
        <span className="oc-tile-status">
          <span className="oc-tile-state" data-testid={`tile-state-${tile.id}`}>
            {tile.stateText}
          </span>
          {tile.durationText && (
            <span className="oc-tile-duration" data-testid={`tile-duration-${tile.id}`}>
              {tile.durationText}
            </span>
          )}
        </span>
      </div>
      <div className="oc-tile-bottom">
        <span className="oc-tile-clerk" data-testid={`tile-clerk-${tile.id}`}>
          {tile.clerkName ?? '无人签到'}
        </span>
        <span className="oc-tile-wait">{tile.state !== 'closed' ? `可叫 ${tile.waitingForIt}` : ''}</span>
        {tile.canPause && (
          <Button size="small" type="link" disabled={busy} onClick={onPause} data-testid={`pause-${tile.id}`}>
            暂停
          </Button>
        )}
        {tile.canOpen && (
          <Button size="small" type="link" disabled={busy} onClick={onOpen} data-testid={`open-${tile.id}`}>
            开放
          </Button>
        )}
        {tile.canClose && onClose && (
          <Button size="small" type="link" disabled={busy} onClick={onClose} data-testid={`close-${tile.id}`}>
            关闭
          </Button>
        )}
        {tile.canMoveClerk && onMoveClerk && (
          <Button size="small" type="link" disabled={busy} onClick={onMoveClerk} data-testid={`move-clerk-${tile.id}`}>
            调岗
          </Button>
        )}
      </div>
    </div>
  );
}
