/**
 * The kiosk's 一件事 tiles come from the hall's catalog (issue 9): a /kiosk socket asks `catalog:bundles` and gets the
 * bundles in force that a service takes, with what they cover in both languages; a bundle no queue takes, or whose
 * queue is switched off, is not offered.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskBundle } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('一件事 tiles from the server (real hall)', () => {
  let hall: TestHall;
  beforeAll(async () => {
    hall = await startTestHall();
  });
  afterAll(async () => {
    await hall.close();
  });

  it("answers the catalog's bundles with their services, and drops one whose queue is off", async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const tiles = await command<KioskBundle[]>(kiosk, 'catalog:bundles', {});
    // In the kiosk's order of the services that take them: 不动产登记 before 企业开办.
    expect(tiles).toEqual([
      expect.objectContaining({ id: 'yjs-esf', serviceId: 'real-estate', covers: expect.stringContaining('不动产') }),
      {
        id: 'yjs-kcg',
        name: '开餐馆一件事',
        nameEn: 'Open a restaurant',
        serviceId: 'business',
        covers: expect.stringContaining('食品经营许可'),
        coversEn: 'Business licence · food business permit',
      },
    ]);

    // 不动产登记 switched off by the manager: its bundle is no longer offered.
    const manager = await hall.login('manager01');
    const services = (await (
      await fetch(`${hall.baseUrl}/api/services`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { data: { id: string }[] };
    const realEstate = services.data.find((s) => s.id === 'real-estate')!;
    const saved = await fetch(`${hall.baseUrl}/api/services/real-estate`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...realEstate, enabled: false }),
    });
    expect(saved.status).toBe(200);
    expect((await command<KioskBundle[]>(kiosk, 'catalog:bundles', {})).map((b) => b.id)).toEqual(['yjs-kcg']);
  });
});
