#!/usr/bin/env node
/*
 * Fetches Electron's binary for the kiosk and window apps, tolerating its absence.
 *
 * package.json's allowScripts blocks electron's own postinstall (which fails the whole `npm install` when the
 * download is impossible); the root postinstall runs this instead. With internet access it downloads Electron as
 * usual; without it (or with ELECTRON_SKIP_BINARY_DOWNLOAD=1) it says so and the install still succeeds: the hall
 * server, the web apps and every test run without the binary.
 */
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const installer = join(__dirname, '..', 'node_modules', 'electron', 'install.js');
if (!existsSync(installer)) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('electron: 跳过下载 / binary download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD)');
  process.exit(0);
}
const result = spawnSync(process.execPath, [installer], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
if (result.status === 0) {
  console.log('electron: 已就绪 / binary installed');
} else {
  const reason =
    (result.stderr || '')
      .toString()
      .split('\n')
      .find((l) => /Error|ENOTFOUND|ECONN|getaddrinfo|timed out/i.test(l)) || `exit ${result.status}`;
  console.warn(
    `electron: 无法下载，Electron 应用需在联网机器上安装 / could not download the binary (${reason.trim()}); the Electron apps need it, everything else works`,
  );
}
