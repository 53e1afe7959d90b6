/**
 * Electron entry of the kiosk (out/kiosk/main/index.js). Reads the config, opens the devices, starts the window.
 * Run on a kiosk: `electron out/kiosk/main/index.js`; in development: `ELECTRON_ENTRY=out/kiosk/main/index.js
 * electron-vite dev --mode kiosk`.
 */
import { app, dialog } from 'electron';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKioskConfig, saveKioskConfigField, KioskConfigError } from './config';
import { createHardwareDevices } from './hardware';
import { startKiosk } from './app';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  await app.whenReady();
  const configFile = process.env.ONEDOOR_KIOSK_CONFIG || join(app.getPath('userData'), 'kiosk.config.json');
  let config;
  try {
    config = loadKioskConfig(configFile);
  } catch (err) {
    const text = err instanceof KioskConfigError ? err.message : String(err);
    dialog.showErrorBox('取号机配置有误 / Kiosk configuration', `${configFile}\n\n${text}`);
    app.exit(1);
    return;
  }
  const { reader, printer } = createHardwareDevices(config);
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  const kiosk = await startKiosk({
    config,
    reader,
    printer,
    preloadPath: here('../preload/index.cjs'),
    renderer: devUrl ? { url: devUrl } : { file: here('../renderer/index.html') },
    saveDeviceToken: (token) => saveKioskConfigField(configFile, 'deviceToken', token),
  });
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => void kiosk.close());
}

main().catch((err: unknown) => {
  console.error('kiosk failed to start', err);
  app.exit(1);
});
