import { useEffect, useState, useSyncExternalStore } from 'react';
import { BoardController } from '../board-controller';
import type { BoardConfig } from '../config';
import { forgetToken, storeToken } from '../token-store';
import { MainBoard } from './MainBoard';
import { PairingScreen } from './PairingScreen';
import { StatusMarks } from './StatusMarks';
import { WindowStrip } from './WindowStrip';

export function App(props: { config: BoardConfig; origin: string; initialToken: string | null }) {
  const [token, setToken] = useState(props.initialToken);
  const [pairMessage, setPairMessage] = useState<string | null>(null);

  if (!token) {
    return (
      <PairingScreen
        origin={props.origin}
        message={pairMessage}
        onPaired={(t) => {
          storeToken(t);
          setPairMessage(null);
          setToken(t);
        }}
      />
    );
  }
  return (
    <Board
      key={token}
      config={props.config}
      origin={props.origin}
      token={token}
      onUnauthorized={(message) => {
        forgetToken();
        setPairMessage(`设备授权已失效，请重新配对 / This display must be paired again（${message}）`);
        setToken(null);
      }}
    />
  );
}

function Board(props: { config: BoardConfig; origin: string; token: string; onUnauthorized: (m: string) => void }) {
  const { config, origin, token, onUnauthorized } = props;
  const [controller, setController] = useState<BoardController | null>(null);

  useEffect(() => {
    const c = new BoardController(config, origin, token, onUnauthorized);
    c.start();
    setController(c);
    return () => c.stop();
    // The board lives as long as its token; device settings change its config live (BoardController.applySettings).
  }, [token]);

  if (!controller) return null;
  return <Live controller={controller} />;
}

function Live({ controller }: { controller: BoardController }) {
  useSyncExternalStore(controller.subscribe, controller.getVersion);
  const state = controller.state;
  const marks = <StatusMarks controller={controller} />;
  if (!state) {
    return (
      <div className="board board--waiting">
        <div className="connecting">
          正在连接大厅服务器…
          <span className="en">Connecting to the hall server…</span>
        </div>
        {marks}
      </div>
    );
  }
  return controller.config.mode === 'window' && controller.config.windowId ? (
    <WindowStrip controller={controller} state={state} windowId={controller.config.windowId}>
      {marks}
    </WindowStrip>
  ) : (
    <MainBoard controller={controller} state={state}>
      {marks}
    </MainBoard>
  );
}
