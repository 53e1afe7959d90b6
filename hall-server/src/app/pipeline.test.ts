import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { idNumberCheckChar, type HallEvent } from '@onedoor/protocol';
import { hallConfigSchema, type HallConfig } from '../config/config.schema.js';
import { openSqliteHall, type SqliteHall } from '../../../test/helpers/sqlite-hall.js';
import type { HallApp } from './hall-app.js';
import type { HallStores, PersonalDataVault, UnitOfWork } from './ports.js';
import type { CaseStaff } from './cases/cases.js';
import { DEMO_SERVICES, DEMO_WINDOWS } from './demo/demo-hall.js';
import { DEMO_CATALOG } from './demo/demo-catalog.js';

/**
 * The pipeline against a real SQLite file: memory follows the database when a command fails after the domain applied
 * it (or when COMMIT fails), and sequence numbers stay gap-free and unique across queue, case and appointment commands.
 */

const local = (s: string) => Date.parse(`${s.replace(' ', 'T')}:00+08:00`);
const idNumber = (first17: string) => first17 + idNumberCheckChar(first17);
const system = { kind: 'system', reason: 'test' } as const;
const clerkStaff: CaseStaff = {
  record: { id: 'clerk01', username: 'clerk01', name: '李娜', roles: ['clerk'], passwordHash: '', enabled: true },
  deptId: null,
};

class DiskFull extends Error {
  constructor() {
    super('SQLITE_FULL: database or disk is full (injected)');
  }
}

/** The same object, except that `method` throws while `armed` says so. */
function failing<T extends object>(target: T, method: keyof T, armed: () => boolean): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (prop !== method || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (armed()) throw new DiskFull();
        return (value as (...a: unknown[]) => unknown).apply(receiver, args);
      };
    },
  });
}

describe('the command pipeline over a real SQLite file', () => {
  let dir: string;
  let file: string;
  let config: HallConfig;
  let vault: PersonalDataVault | undefined;
  let now: number;
  const opened: SqliteHall[] = [];

  const open = (wrap?: (stores: HallStores, uow: UnitOfWork) => { stores?: HallStores; uow?: UnitOfWork }) => {
    let n = 0;
    const prefix = `id-${opened.length}`;
    const hall = openSqliteHall({
      file,
      config,
      clock: { now: () => now },
      ids: { newId: () => `${prefix}-${++n}` },
      ...(vault ? { vault } : {}),
      ...(wrap ? { wrap } : {}),
    });
    opened.push(hall);
    return hall;
  };

  /** Everything memory holds that a restart rebuilds from the database. */
  const live = (app: HallApp) => {
    const state = app.hall.queueState;
    return {
      seq: app.pipeline.currentSeq,
      snapshot: app.hall.snapshot(),
      tickets: [...state.tickets.values()].sort((a, b) => a.id.localeCompare(b.id)),
      windows: [...state.windows.values()].map((w) => w.runtime),
      lastNumber: [...state.lastNumber.entries()].sort(),
      serviceMinutes: [...state.serviceMinutes.entries()].sort(),
    };
  };
  /** What a fresh start loads from the same file. */
  const restarted = () => live(open().app);

  beforeEach(async () => {
    now = local('2026-11-23 10:00');
    dir = mkdtempSync(join(tmpdir(), 'onedoor-pipeline-'));
    file = join(dir, 'hall.sqlite');
    config = hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } });
    vault = undefined;
    const first = open();
    // One data key for every start on this file, as a real hall keeps it.
    vault = first.vault;
    const { app } = first;
    expect((await app.hall.saveConfiguration({ services: DEMO_SERVICES, windows: DEMO_WINDOWS }, system)).ok).toBe(
      true,
    );
    const imported = await app.catalog.importCatalog(
      DEMO_CATALOG,
      (e, i, f) => ({ sheet: e, row: i + 1, column: f }),
      system,
      { format: 'demo', fileName: null },
    );
    expect(imported.ok).toBe(true);
  });

  afterEach(() => {
    for (const hall of opened.splice(0)) hall.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const signInAndIssue = async (app: HallApp) => {
    const clerk = { kind: 'staff', staffId: 'clerk01' } as const;
    expect(
      (
        await app.hall.runWindowCommand(
          { type: 'sign-in', windowId: 'w01', clerkId: 'clerk01', clerkName: '李娜' },
          clerk,
        )
      ).ok,
    ).toBe(true);
    for (let i = 0; i < 2; i++)
      expect((await app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system)).ok).toBe(true);
    expect((await app.hall.runTicketCommand({ type: 'call-next', windowId: 'w01' }, clerk)).ok).toBe(true);
  };

  it('refuses a command whose holder cannot be sealed, and memory equals what a restart loads', async () => {
    let armed = false;
    const { app } = open((stores) => ({
      stores: { ...stores, queue: failing(stores.queue, 'sealHolder', () => armed) },
    }));
    await signInAndIssue(app);
    const before = live(app);
    armed = true;
    const refused = await app.hall.issueTicket(
      { serviceId: 'household', holder: { idNumber: idNumber('11010519491231002'), name: '张小三' } },
      'kiosk',
      system,
    );
    expect(refused.ok ? 'issued' : refused.error.code).toBe('INTERNAL');
    // The domain had issued C001 in memory and taken a number: both are gone again.
    expect(live(app)).toEqual(before);
    expect(live(app)).toEqual(restarted());
    armed = false;
    const next = await app.hall.issueTicket(
      { serviceId: 'household', holder: { idNumber: idNumber('11010519491231002'), name: '张小三' } },
      'kiosk',
      system,
    );
    if (!next.ok) throw new Error(next.error.messageEn);
    expect(next.value.ticket.number).toBe('C001');
    expect(app.hall.revealHolder(next.value.ticket.id)).toMatchObject({ name: '张小三' });
    expect(app.pipeline.currentSeq).toBe(before.seq + 1);
    expect(live(app)).toEqual(restarted());
  });

  it('refuses a check-in whose booking cannot be marked, keeping the booking open and memory equal to the file', async () => {
    let armed = false;
    const { app } = open((stores) => ({
      stores: { ...stores, appointments: failing(stores.appointments, 'markCheckedIn', () => armed) },
    }));
    await signInAndIssue(app);
    const booked = await app.appointments.book(
      {
        id: 'b1',
        code: 'YY112301',
        serviceId: 'real-estate',
        matter: '不动产转移登记',
        holder: { idNumber: idNumber('33010219850315123'), name: '陈明' },
        slotStart: new Date(now - 10 * 60_000).toISOString(),
        slotEnd: new Date(now + 50 * 60_000).toISOString(),
        channel: 'web',
      },
      { kind: 'staff', staffId: 'manager01' },
    );
    expect(booked.ok).toBe(true);
    const before = live(app);
    armed = true;
    const refused = await app.appointments.checkIn({ code: 'YY112301' }, { kind: 'device', deviceId: 'kiosk-01' });
    expect(refused.ok ? 'checked in' : refused.error.code).toBe('INTERNAL');
    expect(live(app)).toEqual(before);
    expect(live(app)).toEqual(restarted());
    armed = false;
    const ok = await app.appointments.checkIn({ code: 'YY112301' }, { kind: 'device', deviceId: 'kiosk-01' });
    expect(ok.ok && [ok.value.outcome, ok.value.issued.ticket.number, ok.value.appointment.status]).toEqual([
      'on-time',
      'B001',
      'checked-in',
    ]);
    expect(live(app)).toEqual(restarted());
  });

  it('refuses a command whose result cannot be recorded for its requestId, inside a batch whose others commit', async () => {
    let armed = false;
    const { app } = open((stores) => ({
      stores: { ...stores, commands: failing(stores.commands, 'record', () => armed) },
    }));
    await signInAndIssue(app);
    armed = true;
    // Same tick, one transaction: the first two commit, the third fails after issuing, the notice commits.
    const [a, b, c, d] = await Promise.all([
      app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system),
      app.hall.issueTicket({ serviceId: 'tax' }, 'kiosk', system),
      app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system, 'kiosk-request-0001'),
      app.hall.setNotice('午间不休', system),
    ]);
    armed = false;
    expect([a.ok, b.ok, c.ok ? 'ok' : c.error.code, d.ok]).toEqual([true, true, 'INTERNAL', true]);
    expect(live(app)).toEqual(restarted());
    const retried = await app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system, 'kiosk-request-0001');
    // A004 went back with the failed command: nobody was told of it, so the retry gets it again.
    expect(retried.ok && retried.value.ticket.number).toBe('A004');
    expect(live(app)).toEqual(restarted());
  });

  it('acknowledges nothing of a batch whose COMMIT fails, and memory follows the ROLLBACK', async () => {
    let failCommit = false;
    const { app } = open((_stores, uow) => ({
      uow: {
        begin: () => uow.begin(),
        savepoint: () => uow.savepoint(),
        release: () => uow.release(),
        rollbackToSavepoint: () => uow.rollbackToSavepoint(),
        rollback: () => uow.rollback(),
        commit: () => {
          if (failCommit) throw new DiskFull();
          uow.commit();
        },
      },
    }));
    await signInAndIssue(app);
    const before = live(app);
    const heard: HallEvent[] = [];
    app.pipeline.onCommitted((e) => heard.push(e));
    failCommit = true;
    const results = await Promise.all([
      app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system),
      app.hall.runTicketCommand({ type: 'call-next', windowId: 'w01' }, { kind: 'staff', staffId: 'clerk01' }),
      app.hall.setNotice('系统维护', system),
      app.cases.receive(
        {
          matterId: 'sbk-bh',
          answers: {},
          form: {},
          applicant: { kind: 'person', name: '王小明', idNumber: idNumber('33010619850312004') },
          materials: [
            { materialId: 'm-sfz', status: 'cert-lookup' },
            { materialId: 'm-sbk-sqb', status: 'received' },
            { materialId: 'm-zp', status: 'received' },
          ],
          takeWay: 'window',
          channel: 'window',
          accept: true,
        },
        clerkStaff,
      ),
    ]);
    failCommit = false;
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual([
      'UNAVAILABLE',
      'UNAVAILABLE',
      'UNAVAILABLE',
      'UNAVAILABLE',
    ]);
    expect(heard).toEqual([]);
    expect(live(app)).toEqual(before);
    expect(live(app)).toEqual(restarted());
    const again = await app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system);
    expect(again.ok && again.value.ticket.number).toBe('A003');
    expect(heard.map((e) => e.seq)).toEqual([before.seq + 1]);
  });
});

describe('sequence numbers across queue, case and appointment commands', () => {
  it('stay gap-free and unique when they interleave in the same transactions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'onedoor-seq-'));
    let now = local('2026-11-23 10:00');
    let n = 0;
    const { app, db, stores, close } = openSqliteHall({
      file: join(dir, 'hall.sqlite'),
      config: hallConfigSchema.parse({ dataDir: dir, log: { level: 'silent' } }),
      clock: { now: () => (now += 1000) },
      ids: { newId: () => `id-${++n}` },
    });
    try {
      const heard: HallEvent[] = [];
      app.pipeline.onCommitted((e) => heard.push(e));
      expect((await app.hall.saveConfiguration({ services: DEMO_SERVICES, windows: DEMO_WINDOWS }, system)).ok).toBe(
        true,
      );
      await app.catalog.importCatalog(DEMO_CATALOG, (e, i, f) => ({ sheet: e, row: i + 1, column: f }), system, {
        format: 'demo',
        fileName: null,
      });
      const clerk = { kind: 'staff', staffId: 'clerk01' } as const;
      const slot = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
      const book = (i: number) =>
        app.appointments.book(
          {
            id: `b${i}`,
            code: `YY1123${String(i).padStart(2, '0')}`,
            serviceId: 'real-estate',
            matter: '',
            holder: { idNumber: idNumber(`3301021985031512${i % 10}`), name: '陈明' },
            slotStart: slot(-10),
            slotEnd: slot(60),
            channel: 'web',
          },
          { kind: 'staff', staffId: 'manager01' },
        );
      const receive = (complete = true) =>
        app.cases.receive(
          {
            matterId: 'sbk-bh',
            answers: {},
            form: {},
            applicant: { kind: 'person', name: '王小明', idNumber: idNumber('33010619850312004') },
            materials: [
              { materialId: 'm-sfz', status: 'cert-lookup' },
              ...(complete ? [{ materialId: 'm-sbk-sqb', status: 'received' as const }] : []),
              { materialId: 'm-zp', status: 'received' },
            ],
            takeWay: 'window',
            channel: 'window',
            accept: true,
          },
          clerkStaff,
        );
      await app.hall.runWindowCommand(
        { type: 'sign-in', windowId: 'w01', clerkId: 'clerk01', clerkName: '李娜' },
        clerk,
      );
      await app.hall.runWindowCommand(
        { type: 'sign-in', windowId: 'w09', clerkId: 'clerk09', clerkName: '周婷' },
        clerk,
      );
      const outcomes: boolean[] = [];
      for (let round = 0; round < 4; round++) {
        // Everything of a round is submitted in one tick: one BEGIN … COMMIT, refused commands among the rest.
        const results = await Promise.all([
          app.hall.issueTicket({ serviceId: 'general' }, 'kiosk', system),
          receive(),
          book(round),
          app.hall.runTicketCommand({ type: 'call-next', windowId: 'w01' }, clerk),
          book(round + 10).then(() => app.appointments.checkIn({ code: `YY1123${round + 10}` }, system)),
          app.hall.runTicketCommand({ type: 'call-next', windowId: 'w20' }, clerk), // w20 is closed: refused
          app.cases.act('no-such-case', { type: 'accept' }, clerkStaff), // refused
          // Refused after its receipt step was written under the command's number: the number goes back.
          receive(false),
          app.hall.issueTicket({ serviceId: 'tax' }, 'kiosk', system, `retry-${round}-000001`),
          app.hall.issueTicket({ serviceId: 'tax' }, 'kiosk', system, `retry-${round}-000001`), // the same request again
          app.hall.setNotice(`第${round}轮`, system),
          app.hall.runWindowCommand({ type: 'sign-in', windowId: 'w01', clerkId: 'clerk01', clerkName: '李娜' }, clerk), // no change
          receive().then((c) =>
            c.ok ? app.cases.act(c.value.id, { type: 'approve', opinion: '当场制卡' }, clerkStaff) : c,
          ),
          app.hall.runTicketCommand({ type: 'call-next', windowId: 'w09' }, clerk),
        ]);
        outcomes.push(...results.map((r) => r.ok));
      }
      expect(outcomes.filter((ok) => !ok).length).toBeGreaterThanOrEqual(12);
      await app.hall.setNotice('done', system);

      const rows = db.prepare('SELECT seq, idx, type FROM events ORDER BY seq, idx').all() as {
        seq: number;
        idx: number;
        type: string;
      }[];
      const seqs = [...new Set(rows.map((r) => r.seq))];
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
      expect(seqs.length).toBe(app.pipeline.currentSeq);
      // Within a number the rows are 0, 1, 2 …
      for (const seq of seqs) {
        const idx = rows.filter((r) => r.seq === seq).map((r) => r.idx);
        expect(idx).toEqual(idx.map((_, i) => i));
      }
      // Every number that was announced is in the log, announced once, in order.
      expect(heard.map((e) => e.seq)).toEqual(seqs);
      const kinds = new Set(rows.map((r) => r.type.split('.')[0]));
      expect([...kinds]).toEqual(expect.arrayContaining(['ticket', 'case', 'appointment', 'notice', 'window']));
      // Case steps point at the event that recorded them, and that event is a case change.
      const steps = db.prepare('SELECT DISTINCT event_seq AS seq FROM case_steps').all() as { seq: number }[];
      expect(steps.length).toBeGreaterThan(0);
      for (const { seq } of steps) expect(rows.find((r) => r.seq === seq)?.type).toMatch(/^case\./);
      // The port reads the same log.
      expect(app.pipeline.currentSeq).toBe(db.prepare('SELECT max(seq) AS m FROM events').pluck().get());
      expect(stores.events.since(0, 10_000).map((e) => [e.seq, e.idx])).toEqual(rows.map((r) => [r.seq, r.idx]));
    } finally {
      close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
