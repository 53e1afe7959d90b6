/**
 * Electron entry of the window client (out/window-client/main/index.js). Reads the config, opens the devices,
 * starts the window. Run at a window: `electron out/window-client/main/index.js`; in development:
 * `ELECTRON_ENTRY=out/window-client/main/index.js electron-vite dev --mode window-client`.
 */
import { app, dialog, Menu } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadWindowConfig, WindowConfigError } from './config';
import { createWindowDevices } from './hardware';
import { startWindowClient } from './app';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  Menu.setApplicationMenu(null);
  const configFile = process.env.ONEDOOR_WINDOW_CONFIG || join(app.getPath('userData'), 'window.config.json');
  let config;
  try {
    config = loadWindowConfig(configFile);
  } catch (err) {
    const text = err instanceof WindowConfigError ? err.message : String(err);
    dialog.showErrorBox('窗口客户端配置有误 / Window client configuration', `${configFile}\n\n${text}`);
    app.exit(1);
    return;
  }
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const client = await startWindowClient({
    config,
    devices: createWindowDevices(config),
    preloadPath: here('../preload/index.cjs'),
    renderer: devUrl ? { url: devUrl } : { file: here('../renderer/index.html') },
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void client.close());
}

main().catch((err: unknown) => {
  console.error('window client failed to start', err);
  app.exit(1);
});
