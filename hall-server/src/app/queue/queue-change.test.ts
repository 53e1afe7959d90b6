import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyHallEvent, type HallEvent } from '@onedoor/protocol';
import { hallConfigSchema } from '../../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../../test/helpers/sqlite-hall.js';
import { DEMO_SERVICES, DEMO_WINDOWS } from '../demo/demo-hall.js';

const system = { kind: 'system', reason: 'test' } as const;
const clerk = { kind: 'staff', staffId: 'clerk01' } as const;

describe('the services a queue event carries', () => {
  let dir: string;
  let hall: SqliteHall;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onedoor-change-'));
    hall = openSqliteHall({
      file: join(dir, 'hall.sqlite'),
      config: hallConfigSchema.parse({ hall: { id: 'change-test' }, dataDir: dir }),
    });
  });
  afterEach(() => {
    hall.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are those whose view changed: all of a window’s when it starts serving, the called one’s on a call', async () => {
    const { app } = hall;
    const services = DEMO_SERVICES.map((s) => ({ ...s, dailyCap: 0, openingHours: [] }));
    await app.hall.saveConfiguration({ services, windows: DEMO_WINDOWS }, system);
    const w01 = DEMO_WINDOWS.find((w) => w.id === 'w01')!;
    expect(w01.services.length).toBeGreaterThan(1);
    const start = app.hall.snapshot();
    const heard: HallEvent[] = [];
    app.pipeline.onCommitted((e) => heard.push(e));

    const signIn = await app.hall.runWindowCommand(
      { type: 'sign-in', windowId: 'w01', clerkId: 'clerk01', clerkName: '王芳' },
      clerk,
    );
    expect(signIn.ok).toBe(true);
    expect(
      heard
        .at(-1)!
        .services.map((s) => s.id)
        .sort(),
    ).toEqual(w01.services.map((s) => s.serviceId).sort());

    for (let i = 0; i < 2; i++) await app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system);
    expect((await app.hall.runTicketCommand({ type: 'call-next', windowId: 'w01' }, clerk)).ok).toBe(true);
    expect(heard.at(-1)!.type).toBe('ticket.called');
    expect(heard.at(-1)!.services.map((s) => s.id)).toEqual(['general']);
    // The next call finishes the first ticket and calls the second: still one service, with the new service time.
    expect((await app.hall.runTicketCommand({ type: 'call-next', windowId: 'w01' }, clerk)).ok).toBe(true);
    expect(heard.at(-1)!.services.map((s) => s.id)).toEqual(['general']);

    // A screen that applied every event sees what a fresh snapshot shows.
    const screen = heard.reduce(applyHallEvent, start);
    expect(screen.services).toEqual(app.hall.snapshot().services);
    expect(screen.windows).toEqual(app.hall.snapshot().windows);
  });
});
