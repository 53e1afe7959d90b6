import type { ByteTransport } from './byte-transport.js';
import { DeviceError } from './device-error.js';

/**
 * Two in-memory ByteTransports wired back to back: what one writes, the other receives (asynchronously, as a
 * real link would). For unit tests and for running a driver against a simulator without ptys.
 */
export function createMemoryTransportPair(): [ByteTransport, ByteTransport] {
  const a = new MemoryEnd();
  const b = new MemoryEnd();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

class MemoryEnd implements ByteTransport {
  peer: MemoryEnd | null = null;
  private open = true;
  private readonly dataListeners = new Set<(chunk: Buffer) => void>();
  private readonly closeListeners = new Set<() => void>();

  write(bytes: Uint8Array): Promise<void> {
    if (!this.open) {
      return Promise.reject(new DeviceError('PORT_CLOSED', '连接已关闭', 'the link is closed'));
    }
    const chunk = Buffer.from(bytes);
    const peer = this.peer;
    setImmediate(() => peer?.deliver(chunk));
    return Promise.resolve();
  }

  deliver(chunk: Buffer): void {
    if (!this.open) return;
    for (const cb of [...this.dataListeners]) cb(chunk);
  }

  onData(cb: (chunk: Buffer) => void): () => void {
    this.dataListeners.add(cb);
    return () => this.dataListeners.delete(cb);
  }

  onClose(cb: () => void): () => void {
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  /** Closing either end closes both, like pulling a cable. */
  close(): Promise<void> {
    this.shut();
    this.peer?.shut();
    return Promise.resolve();
  }

  private shut(): void {
    if (!this.open) return;
    this.open = false;
    const listeners = [...this.closeListeners];
    this.closeListeners.clear();
    setImmediate(() => listeners.forEach((cb) => cb()));
  }

  isOpen(): boolean {
    return this.open;
  }
}
