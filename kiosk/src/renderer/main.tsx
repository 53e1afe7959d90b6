import { createRoot } from 'react-dom/client';
import { StrictMode } from 'react';
import { createWebBridge } from './devices/web-bridge';
import { KioskController } from './kiosk-controller';
import { App } from './ui/App';
import './ui/kiosk.css';

// Electron's preload gives the real devices; a browser gets the virtual ones.
const bridge = window.kioskApi ? null : createWebBridge();
const controller = new KioskController(window.kioskApi ?? bridge!);
void controller.start();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App controller={controller} bridge={bridge} />
  </StrictMode>,
);
