/**
 * The console's configuration routes and floor actions (issue 10) against a real hall server: every change audited
 * (who, when, before, after) and exportable; bad input (a threshold of −5, a window with no service, an Excel file
 * with a wrong sheet, a ten-year report) refused in Chinese and English with nothing changed; a disabled account and a
 * revoked device cut off at once; waiting tickets moved to another service called there in their issue-time order.
 */
import ExcelJS from 'exceljs';
import mqtt from 'mqtt';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRestClient, type AuditEntry, type IssuedTicket, type RestClient } from '@onedoor/protocol';
import { localParts } from '../../hall-server/src/domain/time/hall-time.js';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

let hall: TestHall;
let manager: RestClient;
let offset = 0;
// The hall's day, not the UTC one: from 16:00 UTC the two differ and an export of "today" missed today's rows.
const today = () => localParts(Date.now() + offset, hall.config.hall.timeZone).date;

const count = (table: string) =>
  (hall.running.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function auditRows(action: string): Promise<AuditEntry[]> {
  // The audit covers hall days; a UTC date may be the hall's yesterday or tomorrow, so ask for the three.
  const from = new Date(Date.now() + offset - 86_400_000).toISOString().slice(0, 10);
  const to = new Date(Date.now() + offset + 86_400_000).toISOString().slice(0, 10);
  const r = await manager.call('GET /api/audit', { query: { from, to, action } });
  if (!r.ok) throw new Error(r.error.messageEn);
  return r.data;
}

beforeAll(async () => {
  hall = await startTestHall({ clock: { now: () => Date.now() + offset } });
  const token = await hall.login('manager01');
  manager = createRestClient({ origin: hall.baseUrl, token: () => token });
});
afterAll(async () => {
  await hall?.close();
});

describe('configuration from the console', () => {
  it('creates a service (POST), refuses the same id again, and audits it with its after', async () => {
    const body = { id: 'pension', name: '养老认证', prefix: 'Y', nameEn: 'Pension check' };
    const created = await manager.call('POST /api/services', { body });
    expect(created).toMatchObject({ ok: true, status: 201, data: { id: 'pension', name: '养老认证' } });
    const again = await manager.call('POST /api/services', { body: { ...body, name: '别的' } });
    expect(again).toMatchObject({ ok: false, status: 409, error: { code: 'CONFLICT' } });
    expect(hall.running.hall.queueState.services.get('pension')?.name).toBe('养老认证');
    const [row] = await auditRows('config.service.create');
    expect(row).toMatchObject({ staffId: 'manager01', staffName: '王主任', target: 'pension', before: null });
    expect(row!.after).toMatchObject({ id: 'pension', name: '养老认证' });
  });

  it('closes and opens a service, each change audited with before and after', async () => {
    const closed = await manager.call('POST /api/services/:id/enabled', {
      params: { id: 'pension' },
      body: { enabled: false },
    });
    expect(closed).toMatchObject({ ok: true, data: { enabled: false } });
    expect(hall.running.hall.queueState.services.get('pension')?.enabled).toBe(false);
    const [row] = await auditRows('config.service.close');
    expect(row!.before).toMatchObject({ enabled: true });
    expect(row!.after).toMatchObject({ enabled: false });
    await manager.call('POST /api/services/:id/enabled', { params: { id: 'pension' }, body: { enabled: true } });
  });

  it('creates a staff account, disables it (its socket is cut), resets a password (old sessions end)', async () => {
    const created = await manager.call('POST /api/staff', {
      body: { username: 'clerk-new', name: '新同事', roles: ['clerk'], password: 'first-pass-1' },
    });
    if (!created.ok) throw new Error(created.error.messageEn);
    const id = created.data.id;
    const session = await hall.login('clerk-new', 'first-pass-1');
    const socket = await hall.connect('/window', { sessionToken: session });
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    socket.io.opts.reconnection = false;
    const disabled = await manager.call('POST /api/staff/:id/enabled', { params: { id }, body: { enabled: false } });
    expect(disabled).toMatchObject({ ok: true, data: { enabled: false } });
    expect(await cut).toBe('io server disconnect');
    await expect(hall.login('clerk-new', 'first-pass-1')).rejects.toThrow(/disabled|wrong/);

    await manager.call('POST /api/staff/:id/enabled', { params: { id }, body: { enabled: true } });
    const before = await hall.login('clerk-new', 'first-pass-1');
    const reset = await manager.call('POST /api/staff/:id/password', {
      params: { id },
      body: { password: 'second-pass-2' },
    });
    expect(reset.ok).toBe(true);
    const old = createRestClient({ origin: hall.baseUrl, token: () => before });
    expect(await old.call('GET /api/snapshot', {})).toMatchObject({ ok: false, status: 401 });
    await expect(hall.login('clerk-new', 'first-pass-1')).rejects.toThrow();
    await hall.login('clerk-new', 'second-pass-2');
    const rows = await auditRows('config.staff.');
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['config.staff.create', 'config.staff.disable', 'config.staff.password-reset']),
    );
    // Neither the password nor its hash is in the audit trail.
    expect(JSON.stringify(rows)).not.toMatch(/first-pass|second-pass|scrypt/);
  });

  it('a manager may not create an administrator', async () => {
    const r = await manager.call('POST /api/staff', {
      body: { username: 'boss', name: '越权', roles: ['admin'], password: 'whatever-123' },
    });
    expect(r).toMatchObject({ ok: false, status: 403, error: { message: expect.stringContaining('系统管理员') } });
    expect(hall.running.auth.listStaff().some((s) => s.username === 'boss')).toBe(false);
  });

  it('revokes a device: its socket is cut at once and its token opens nothing', async () => {
    const token = await hall.deviceToken('display', 'display-revoke');
    const socket = await hall.connect('/display', { deviceToken: token });
    socket.io.opts.reconnection = false;
    const cut = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    const r = await manager.call('POST /api/devices/:id/revoke', { params: { id: 'display-revoke' } });
    expect(r).toMatchObject({ ok: true, data: { paired: false } });
    expect(await cut).toBe('io server disconnect');
    await expect(hall.connect('/display', { deviceToken: token })).rejects.toThrow(/connect_error/);
    const [row] = await auditRows('config.device.revoke');
    expect(row).toMatchObject({ target: 'display-revoke', before: { paired: true }, after: { paired: false } });
  });

  it('revokes a gateway: its MQTT connection to the hall broker is cut at once', async () => {
    const token = await hall.deviceToken('gateway', 'gateway-revoke');
    const client = mqtt.connect(hall.running.mqttUrl, {
      username: 'gateway-revoke',
      password: token,
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve, reject) => {
      client.once('connect', () => resolve());
      client.once('error', reject);
    });
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    const r = await manager.call('POST /api/devices/:id/revoke', { params: { id: 'gateway-revoke' } });
    expect(r.ok).toBe(true);
    await closed;
    expect(client.connected).toBe(false);
    client.end(true);
  });

  it('keeps personal data as long as the manager sets, and audits the change', async () => {
    expect(await manager.call('GET /api/settings/retention', {})).toMatchObject({ data: { personalDataDays: 180 } });
    await manager.call('PUT /api/settings/retention', { body: { personalDataDays: 90 } });
    expect(hall.running.hall.queueState && (await manager.call('GET /api/settings/retention', {}))).toMatchObject({
      data: { personalDataDays: 90 },
    });
    const [row] = await auditRows('config.retention');
    expect(row).toMatchObject({ before: { personalDataDays: 180 }, after: { personalDataDays: 90 } });
    const refused = await manager.call('PUT /api/settings/retention', { body: { personalDataDays: 0 } });
    expect(refused).toMatchObject({ ok: false, status: 400 });
  });

  it('publishes a notice to the boards from the configuration screen, audited with the old and new text', async () => {
    const board = await hall.connect('/display', { deviceToken: await hall.deviceToken('display') });
    const seen = new Promise<string | undefined>((resolve) =>
      board.on('hall:event', (e) => e.type === 'notice.changed' && resolve(e.notice)),
    );
    const r = await manager.call('PUT /api/settings/notice', { body: { text: '  今日 16:00 起暂停取号  ' } });
    expect(r).toMatchObject({ ok: true, data: { notice: '今日 16:00 起暂停取号' } });
    expect(await seen).toBe('今日 16:00 起暂停取号');
    const [row] = await auditRows('config.notice');
    expect(row).toMatchObject({ before: { notice: '' }, after: { notice: '今日 16:00 起暂停取号' } });
  });

  it('names a catalog import in the audit trail with what it changed', async () => {
    const exported = await manager.call('GET /api/catalog/export', { query: {} });
    if (!exported.ok) throw new Error(exported.error.messageEn);
    const imported = await manager.call('POST /api/catalog/import', {
      query: { fileName: 'again.json' },
      body: exported.data,
    });
    expect(imported.ok).toBe(true);
    const [row] = await auditRows('config.catalog.import');
    expect(row).toMatchObject({ target: 'again.json', after: { matters: { added: 0 } } });
  });

  it('exports the audit trail as CSV and Excel for a from..to range', async () => {
    const token = await hall.login('manager01');
    const csv = await fetch(`${hall.baseUrl}/api/audit/export?from=${today()}&to=${today()}&format=csv`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const text = (await csv.text()).replace(/^\uFEFF/, '');
    expect(text.split('\r\n')[0]).toContain('修改前 Before');
    expect(text).toContain('config.service.create');
    const xlsx = await fetch(`${hall.baseUrl}/api/audit/export?from=${today()}&to=${today()}&format=xlsx`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await xlsx.arrayBuffer());
    const sheet = wb.getWorksheet('审计日志')!;
    expect(sheet.getRow(1).getCell(3).value).toBe('操作 Action');
    expect(sheet.rowCount).toBeGreaterThan(3);
  });
});

describe('bad input: a clear message in Chinese and English, nothing changed', () => {
  it('a threshold of −5', async () => {
    const before = await manager.call('GET /api/alarms/thresholds', {});
    const r = await manager.call('PUT /api/alarms/thresholds', { body: { pausedMinutes: -5 } });
    expect(r).toMatchObject({ ok: false, status: 400 });
    if (r.ok) return;
    expect(r.error.message).toBe('窗口暂停超时（分钟）须为 1 到 1440 之间的整数，收到的是 -5；阈值未修改');
    expect(r.error.messageEn).toContain('no threshold was changed');
    expect(await manager.call('GET /api/alarms/thresholds', {})).toEqual(before);
    expect((await auditRows('config.alarm-thresholds')).length).toBe(0);
  });

  it('a window left with no service', async () => {
    const w01 = hall.running.hall.queueState.windows.get('w01')!.config;
    const seq = hall.running.hall.currentSeq;
    const r = await manager.call('PUT /api/windows/:id', { params: { id: 'w01' }, body: { ...w01, services: [] } });
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      error: { message: '窗口 1号窗口 至少要办理一项业务', messageEn: 'window w01 must serve at least one service' },
    });
    expect(hall.running.hall.queueState.windows.get('w01')!.config.services).toEqual(w01.services);
    expect(hall.running.hall.currentSeq).toBe(seq);
  });

  it('an Excel file with a wrong sheet', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['名称', '编码']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const matters = count('catalog_matters');
    const imports = count('catalog_imports');
    const token = await hall.login('manager01');
    const res = await fetch(`${hall.baseUrl}/api/catalog/import?fileName=wrong.xlsx`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body: new Uint8Array(file),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { sheet: string; message: string; messageEn: string }[] };
    expect(body.issues).toContainEqual(
      expect.objectContaining({
        message: expect.stringContaining('未知的工作表「Sheet1」'),
        messageEn: 'unknown sheet "Sheet1"',
      }),
    );
    expect(count('catalog_matters')).toBe(matters);
    expect(count('catalog_imports')).toBe(imports);
  });

  it('a report range of ten years', async () => {
    const r = await manager.call('GET /api/stats/report', { query: { from: '2016-01-01', to: '2025-12-31' } });
    expect(r).toMatchObject({
      ok: false,
      status: 400,
      error: {
        message: '统计区间最长 366 天，请缩短区间',
        messageEn: 'a report covers at most 366 days: shorten the period',
      },
    });
    const audit = await manager.call('GET /api/audit', { query: { from: '2016-01-01', to: '2025-12-31' } });
    expect(audit).toMatchObject({ ok: false, status: 400, error: { message: '统计区间最长 366 天，请缩短区间' } });
  });
});

describe('floor actions', () => {
  it('moves a clerk to another free window, and refuses a window someone sits at', async () => {
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk03') });
    await command(clerk, 'window:sign-in', { windowId: 'w03' });
    const other = await hall.connect('/window', { sessionToken: await hall.login('clerk05') });
    await command(other, 'window:sign-in', { windowId: 'w05' });
    const taken = await manager.call('POST /api/windows/:id/move-clerk', {
      params: { id: 'w03' },
      body: { toWindowId: 'w05' },
    });
    expect(taken).toMatchObject({ ok: false, error: { code: 'WINDOW_BUSY' } });
    const moved = await manager.call('POST /api/windows/:id/move-clerk', {
      params: { id: 'w03' },
      body: { toWindowId: 'w04' },
    });
    expect(moved).toMatchObject({ ok: true, data: { id: 'w04', state: 'open', clerkId: 'clerk03' } });
    const windows = hall.running.hall.queueState.windows;
    expect(windows.get('w03')!.runtime).toMatchObject({ clerkId: null, state: 'closed' });
    expect(windows.get('w04')!.runtime).toMatchObject({ clerkId: 'clerk03', state: 'open' });
    const [row] = await auditRows('floor.move-clerk');
    expect(row).toMatchObject({ before: { windowId: 'w03', clerk: 'clerk03' }, after: { windowId: 'w04' } });
  });

  it('moves waiting tickets to another service: each keeps its place, called there by issue time', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    const issue = async (serviceId: string) => {
      offset += 60_000;
      const r = await command<{ ticket: { id: string; number: string } }>(kiosk, 'ticket:issue', { serviceId });
      return r.ticket;
    };
    // Interleaved by time: tax, real estate, tax, real estate.
    const t1 = await issue('tax');
    const r1 = await issue('real-estate');
    const t2 = await issue('tax');
    const r2 = await issue('real-estate');
    const moved = await manager.call('POST /api/services/:id/move-waiting', {
      params: { id: 'tax' },
      body: { toServiceId: 'real-estate' },
    });
    expect(moved).toMatchObject({ ok: true, data: { moved: 2, ticketIds: [t1.id, t2.id] } });
    const state = hall.running.hall.queueState;
    expect([t1, t2].map((t) => state.tickets.get(t.id)!.serviceId)).toEqual(['real-estate', 'real-estate']);
    const logged = hall.running.db
      .prepare("SELECT payload FROM events WHERE type = 'ticket.moved' ORDER BY seq, idx")
      .all() as { payload: string }[];
    expect(logged.map((e) => (JSON.parse(e.payload) as { ticketId: string }).ticketId)).toEqual([t1.id, t2.id]);

    // 9号窗口 calls only 不动产: it now calls the moved tickets among its own, by issue time.
    const clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk09') });
    await command(clerk, 'window:sign-in', { windowId: 'w09' });
    const called: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = await command<{ id: string }>(clerk, 'ticket:call-next', { windowId: 'w09' });
      called.push(t.id);
    }
    expect(called).toEqual([t1.id, r1.id, t2.id, r2.id]);
    expect(await auditRows('floor.move-waiting')).toHaveLength(1);
  });

  it('refuses to move when nobody waits, or to a service no window serves', async () => {
    const seq = hall.running.hall.currentSeq;
    const empty = await manager.call('POST /api/services/:id/move-waiting', {
      params: { id: 'tax' },
      body: { toServiceId: 'real-estate' },
    });
    expect(empty).toMatchObject({ ok: false, error: { message: '「税务办理」没有等候中的号' } });
    const nobody = await manager.call('POST /api/services/:id/move-waiting', {
      params: { id: 'real-estate' },
      body: { toServiceId: 'pension' },
    });
    expect(nobody).toMatchObject({
      ok: false,
      status: 400,
      error: { message: expect.stringContaining('没有窗口办理') },
    });
    expect(hall.running.hall.currentSeq).toBe(seq);
  });
});

describe('the retention set in the console', () => {
  it('is kept across a restart and purges sealed personal data past it (the config file says 180 days)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'onedoor-retention-'));
    let now = Date.now();
    const clock = { now: () => now };
    let h = await startTestHall({ dataDir, clock });
    try {
      const token = await h.login('manager01');
      const client = createRestClient({ origin: h.baseUrl, token: () => token });
      expect((await client.call('PUT /api/settings/retention', { body: { personalDataDays: 30 } })).ok).toBe(true);
      const kiosk = await h.connect('/kiosk', { deviceToken: await h.deviceToken('kiosk') });
      const t = await command<IssuedTicket>(kiosk, 'ticket:issue', {
        serviceId: 'household',
        holder: { idNumber: '11010519491231002X', name: '张小三' },
      });
      await h.stop();
      now += 31 * 86_400_000;
      h = await startTestHall({ dataDir, clock });
      expect(h.running.hall.revealHolder(t.ticket.id)).toBeNull();
    } finally {
      await h.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}.key`, { force: true });
    }
  });
});
