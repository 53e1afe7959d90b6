import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskName, type Ack, type IssuedTicket, type TicketView } from '@onedoor/protocol';
import { rotateDataKey } from '../../hall-server/src/adapters/crypto/data-key.js';
import { openDatabase } from '../../hall-server/src/adapters/db/database.js';
import { command, request, startTestHall, type TestHall } from '../helpers/test-hall.js';

/** Personal data (issue 12, finding 13): masks for every name length, who may read it in full, where the key is. */
describe('personal data (issue 12)', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  const get = async (token: string, path: string) => {
    const res = await fetch(`${hall.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, ack: (await res.json()) as Ack<Record<string, unknown>> };
  };
  const audited = (action: string, target: string) =>
    hall.running.authRepo.auditEntries().filter((e) => e.action === action && e.target === target).length;

  it('finding 13: a name of any length is masked, and a one-character name shows nothing of itself', async () => {
    expect(maskName('')).toBe('');
    expect(maskName('明')).toBe('*');
    expect(maskName(' 明 ')).toBe('*');
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张小三')).toBe('张*三');
    expect(maskName('欧阳小锋')).toBe('欧**锋');
    expect(maskName('𠀋𠀌')).toBe('𠀋*');
    // On the ticket the public sees (kiosk screen, boards, snapshot).
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issued = await command<IssuedTicket>(kiosk, 'ticket:issue', {
      serviceId: 'household',
      holder: { idNumber: '11010519491231002X', name: '明' },
    });
    expect(issued.ticket.holderName).toBe('*');
    expect(JSON.stringify(hall.running.hall.snapshot())).not.toContain('明');
  });

  it("finding 13: a clerk reads full holder data only for their window's current visitor; managers any; all audited", async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const holder = { idNumber: '11010519491231002X', name: '张小三' };
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder })).ticket;
    const clerkToken = await hall.login('clerk01');
    const path = `/api/tickets/${ticket.id}/holder`;

    // Waiting in the hall, not at this clerk's window: refused, and the refusal is audited.
    const early = await get(clerkToken, path);
    expect(early).toMatchObject({
      status: 403,
      ack: { ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/本窗口正在办理/) } },
    });
    expect(audited('read-personal-data-refused', `ticket:${ticket.id}`)).toBe(1);

    // Called to clerk01's window: clerk01 may read it; clerk02 at another window may not.
    const clerk = await hall.connect('/window', { sessionToken: clerkToken });
    const other = await hall.connect('/window', { sessionToken: await hall.login('clerk02') });
    await command(clerk, 'window:sign-in', { windowId: 'w12' });
    await command(other, 'window:sign-in', { windowId: 'w13' });
    const called = await command<TicketView>(clerk, 'ticket:call', { windowId: 'w12', ticketId: ticket.id });
    expect(called.id).toBe(ticket.id);
    expect(await get(clerkToken, path)).toMatchObject({ status: 200, ack: { ok: true, data: holder } });
    expect(audited('read-personal-data', `ticket:${ticket.id}`)).toBe(1);
    expect((await get(await hall.login('clerk02'), path)).status).toBe(403);

    // Once the visitor is done, the clerk no longer may; a manager may, audited.
    await command(clerk, 'ticket:finish', { windowId: 'w12' });
    expect((await get(clerkToken, path)).status).toBe(403);
    expect((await get(await hall.login('manager01'), path)).status).toBe(200);
    expect(audited('read-personal-data', `ticket:${ticket.id}`)).toBe(2);
  });

  it("finding 13: a clerk reads a case's applicant only while its visitor is at their window", async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'general' })).ticket;
    const clerkToken = await hall.login('clerk01');
    const clerk = await hall.connect('/window', { sessionToken: clerkToken });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
    await command<TicketView>(clerk, 'ticket:call', { windowId: 'w01', ticketId: ticket.id });
    const idNumber = `33010519700515001${idNumberCheckChar('33010519700515001')}`;
    const received = await fetch(`${hall.baseUrl}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${clerkToken}` },
      body: JSON.stringify({
        matterId: 'sbk-bh',
        ticketId: ticket.id,
        applicant: { kind: 'person', name: '赵六', idNumber },
      }),
    });
    const created = (await received.json()) as Ack<{ id: string }>;
    if (!created.ok) throw new Error(created.error.messageEn);
    const path = `/api/cases/${created.data.id}/applicant`;
    expect(await get(clerkToken, path)).toMatchObject({
      status: 200,
      ack: { ok: true, data: { name: '赵六', idNumber } },
    });
    expect((await get(await hall.login('clerk02'), path)).status).toBe(403);
    await command(clerk, 'ticket:finish', { windowId: 'w01' });
    expect((await get(clerkToken, path)).status).toBe(403);
    expect((await get(await hall.login('manager01'), path)).status).toBe(200);
    expect(audited('read-personal-data', `case:${created.data.id}`)).toBe(2);
    expect(audited('read-personal-data-refused', `case:${created.data.id}`)).toBe(2);
  });

  it('finding 13: the database, its WAL and its backups are owner-only; the data key is not in the data directory', async () => {
    const mode = (file: string) => statSync(file).mode & 0o777;
    const db = join(hall.dataDir, hall.config.db.file);
    expect(mode(db)).toBe(0o600);
    expect(mode(`${db}-wal`)).toBe(0o600);
    const token = await hall.login('admin');
    const res = await fetch(`${hall.baseUrl}/api/admin/backup`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    const backup = (await res.json()) as Ack<{ file: string }>;
    if (!backup.ok) throw new Error(backup.error.messageEn);
    expect(mode(backup.data.file)).toBe(0o600);
    // The key is beside the data directory, owner-only, and nothing in the directory (or its backups) holds it.
    expect(existsSync(join(hall.dataDir, 'data.key'))).toBe(false);
    expect(mode(`${hall.dataDir}.key`)).toBe(0o600);
  });
});

describe('the data key (issue 12)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'onedoor-key-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('moves a key an older hall kept in its data directory out of it, and still opens what it sealed', async () => {
    const dataDir = join(dir, 'data');
    const first = await startTestHall({ dataDir });
    const kiosk = await first.connect('/kiosk', { deviceToken: await first.deviceToken('kiosk') });
    const holder = { idNumber: '11010519491231002X', name: '张小三' };
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder })).ticket;
    await first.stop();
    // As an older version left it: the key inside the data directory.
    const keyFile = `${dataDir}.key`;
    writeFileSync(join(dataDir, 'data.key'), readFileSync(keyFile, 'utf8'), { mode: 0o644 });
    rmSync(keyFile);

    const second = await startTestHall({ dataDir });
    try {
      expect(existsSync(join(dataDir, 'data.key'))).toBe(false);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      expect(second.running.hall.revealHolder(ticket.id)).toMatchObject(holder);
    } finally {
      await second.stop();
    }
  });

  it('takes the key from HALL_DATA_KEY or a configured file, and writes none into the data directory', async () => {
    const dataDir = join(dir, 'env');
    const fromEnv = await startTestHall({
      dataDir,
      config: { security: { dataKey: '0123456789abcdef0123456789abcdef' } },
    });
    await fromEnv.stop();
    expect(existsSync(`${dataDir}.key`)).toBe(false);
    expect(existsSync(join(dataDir, 'data.key'))).toBe(false);

    const secret = join(dir, 'secrets', 'hall.key');
    const fromFile = await startTestHall({ dataDir: join(dir, 'file'), config: { security: { dataKeyFile: secret } } });
    await fromFile.stop();
    expect(statSync(secret).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'file', 'data.key'))).toBe(false);
  });

  it('rotates the key of a stopped hall: every sealed value re-sealed, lookups still find the person, the old key retired', async () => {
    const dataDir = join(dir, 'rotate');
    const holder = { idNumber: '11010519491231002X', name: '张小三' };
    const first = await startTestHall({ dataDir });
    const kiosk = await first.connect('/kiosk', { deviceToken: await first.deviceToken('kiosk') });
    const ticket = (await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder })).ticket;
    await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'household', holder });
    await first.stop();
    const keyFile = `${dataDir}.key`;
    const oldKey = readFileSync(keyFile, 'utf8');

    const db = openDatabase({ file: join(dataDir, first.config.db.file) });
    const r = rotateDataKey({ dataDir }, db);
    db.close();
    expect(r.resealed).toBeGreaterThanOrEqual(2);
    expect(readFileSync(keyFile, 'utf8')).not.toBe(oldKey);
    expect(readFileSync(r.retiredKeyFile!, 'utf8')).toBe(oldKey);
    expect(statSync(r.retiredKeyFile!).mode & 0o777).toBe(0o600);
    expect(existsSync(`${keyFile}.new`)).toBe(false);

    const second = await startTestHall({ dataDir });
    try {
      expect(second.running.hall.revealHolder(ticket.id)).toMatchObject(holder);
      // The per-person limit (2 a day) still recognises the holder: the lookup keys were recomputed.
      const again = await second.connect('/kiosk', { deviceToken: await second.deviceToken('kiosk') });
      expect(await request(again, 'ticket:issue', { serviceId: 'household', holder })).toMatchObject({
        ok: false,
        error: { code: 'PERSON_LIMIT_REACHED' },
      });
    } finally {
      await second.stop();
    }
  });
});
