import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { hashWithoutToken, parseBoardConfig } from './config';
import { readStoredSettings, readStoredToken, storeToken } from './token-store';
import './ui/board.css';

// Start with the device settings last received (a board restarting while the server is away keeps its filters);
// the server sends the current ones right after connecting and the controller applies them live.
const { config, token } = parseBoardConfig(window.location.search, window.location.hash, readStoredSettings());
if (token) {
  // A token handed over in the address (#token=…) is kept on the device and removed from the address bar,
  // so it does not linger in history, screenshots or a photo of the screen.
  storeToken(token);
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithoutToken(hash)}`);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <App config={config} origin={window.location.origin} initialToken={token ?? readStoredToken()} />,
  );
}
