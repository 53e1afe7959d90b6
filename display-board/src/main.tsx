import { createRoot } from 'react-dom/client';
import { App } from './ui/App';
import { hashWithoutToken, parseBoardConfig } from './config';
import { readStoredToken, storeToken } from './token-store';
import './ui/board.css';

const { config, token } = parseBoardConfig(window.location.search, window.location.hash);
if (token) {
  // A token handed over in the address (#token=…) is kept on the device and removed from the address bar,
  // so it does not linger in history, screenshots or a photo of the screen.
  storeToken(token);
  const { pathname, search, hash } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}${hashWithoutToken(hash)}`);
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(<App config={config} origin={window.location.origin} initialToken={token ?? readStoredToken()} />);
}
