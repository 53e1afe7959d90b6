import type { DemoLinkStore } from '../../app/ports.js';
import type { Db } from './database.js';

/** The demo hall's printed device links, each token sealed (see migration 030). */
export class DemoLinkRepository implements DemoLinkStore {
  constructor(private readonly db: Db) {}

  findDemoLink(deviceId: string): string | null {
    const r = this.db.prepare('SELECT token_sealed FROM demo_device_links WHERE device_id = ?').get(deviceId) as
      { token_sealed: string } | undefined;
    return r?.token_sealed ?? null;
  }

  saveDemoLink(deviceId: string, sealedToken: string, at: string): void {
    this.db
      .prepare(
        `INSERT INTO demo_device_links (device_id, token_sealed, issued_at) VALUES (?, ?, ?)
         ON CONFLICT (device_id) DO UPDATE SET token_sealed = excluded.token_sealed, issued_at = excluded.issued_at`,
      )
      .run(deviceId, sealedToken, at);
  }
}
