import { Card } from 'antd';
import type { WindowTile } from '../../console-model';
import { Legend } from './Legend';
import { WindowTileView } from './WindowTileView';

export function WindowGrid({
  tiles,
  busy,
  onPause,
  onOpen,
  onClose,
  onMoveClerk,
}: {
  tiles: WindowTile[];
  busy: boolean;
  onPause: (tile: WindowTile) => void;
  onOpen: (tile: WindowTile) => void;
  onClose?: (tile: WindowTile) => void;
  onMoveClerk?: (tile: WindowTile) => void;
}) {
  return (
    <Card size="small" className="oc-windows" title="窗口状态" extra={<Legend />}>
      <div className="oc-tiles" data-testid="window-grid">
        {tiles.map((t) => (
          <WindowTileView
            key={t.id}
            tile={t}
            busy={busy}
            onPause={() => onPause(t)}
            onOpen={() => onOpen(t)}
            {...(onClose ? { onClose: () => onClose(t) } : {})}
            {...(onMoveClerk ? { onMoveClerk: () => onMoveClerk(t) } : {})}
          />
        ))}
      </div>
    </Card>
  );
}
