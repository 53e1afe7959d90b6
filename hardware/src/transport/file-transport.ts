import { open, type FileHandle } from 'node:fs/promises';
import type { ByteTransport } from './byte-transport.js';
import { DeviceError } from './device-error.js';

/**
 * A write-only ByteTransport over a file or a device node (`/dev/usb/lp0`, a saved `.bin` for inspection).
 * It never delivers data: a file cannot answer DLE EOT, so drivers must not expect status through it.
 * The file is truncated on open.
 */
export async function openFileTransport(path: string): Promise<ByteTransport> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const zh =
      err.code === 'ENOENT'
        ? `无法写入 ${path}：目录不存在`
        : err.code === 'EACCES'
          ? `没有权限写入 ${path}`
          : `无法打开 ${path}：${err.message}`;
    throw new DeviceError('FILE_OPEN_FAILED', zh, `could not open ${path} for writing: ${err.message}`, { cause: e });
  }
  let isOpen = true;
  const closeListeners = new Set<() => void>();
  return {
    async write(bytes) {
      if (!isOpen) throw new DeviceError('PORT_CLOSED', `${path} 已关闭`, `${path} is closed`);
      try {
        await handle.write(bytes);
      } catch (e) {
        const msg = (e as Error).message;
        throw new DeviceError('WRITE_FAILED', `写入 ${path} 失败：${msg}`, `write to ${path} failed: ${msg}`, {
          cause: e,
        });
      }
    },
    onData: () => () => undefined,
    onClose(cb) {
      closeListeners.add(cb);
      return () => closeListeners.delete(cb);
    },
    async close() {
      if (!isOpen) return;
      isOpen = false;
      await handle.close();
      closeListeners.forEach((cb) => cb());
    },
    isOpen: () => isOpen,
  };
}
