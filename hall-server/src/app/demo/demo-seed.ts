import { decideCheckIn } from '../../domain/appointments/check-in.js';
import { formatLocal } from '../../domain/time/hall-time.js';
import type { HallApp } from '../hall-app.js';
import type { Actor } from '../ports.js';
import type { DemoLink } from './demo-links.js';
import { DEMO_APPROVERS, DEMO_CATALOG, DEMO_PASSWORD_NOTE } from './demo-catalog.js';
import {
  DEMO_DEVICES,
  DEMO_PASSWORD,
  DEMO_STAFF,
  DEMO_STAFF_CARDS,
  DEMO_WINDOWS,
  demoAppointments,
  demoServices,
} from './demo-hall.js';

/** Devices whose links the welcome banner prints. */
export const PRINTED_DEVICES = ['display-main', 'kiosk-01', 'gateway-01'] as const;

/**
 * The demo accounts' one password hash, made at the first account created and shared by all (they all sign in with
 * DEMO_PASSWORD). One scrypt per start, not one per approver: each takes 16 MB on a libuv thread, and once glibc has
 * handed back the first such block it keeps the later ones in their thread's arena — the 8 hashes of a fresh demo
 * start left 64 MB of RSS for the life of the process.
 */
export function demoPasswordHash(app: HallApp): () => Promise<string> {
  let hash: Promise<string> | undefined;
  return () => (hash ??= app.auth.hashPassword(DEMO_PASSWORD));
}

/**
 * First start of a demo hall: services and windows, staff and devices. On every start: the printed devices' links —
 * the same token as the start before while it still pairs the device (a restart un-pairs nothing), none for a device
 * paired again from the console (see DemoLinks).
 */
export async function seedDemoHall(app: HallApp, passwordHash: () => Promise<string>): Promise<DemoLink[]> {
  const { hall, auth, config } = app;
  const system: Actor = { kind: 'system', reason: 'demo-seed' };
  if (hall.queueState.services.size === 0) {
    await hall.saveConfiguration({ services: demoServices(config.demo.officeHours), windows: DEMO_WINDOWS }, system);
  }
  if (auth.countStaff() === 0) {
    const hash = await passwordHash();
    for (const s of DEMO_STAFF) auth.upsertStaffRecord({ ...s, passwordHash: hash, enabled: true });
    for (const c of DEMO_STAFF_CARDS) auth.registerStaffCard(c.staffId, c.idNumber);
  }
  for (const d of DEMO_DEVICES) {
    if (!auth.device(d.id)) auth.saveDevice(d);
  }
  return PRINTED_DEVICES.map((id) => app.demoLinks.link(id));
}

/** The demo catalog and one approver per department, once. */
export async function seedDemoCatalog(app: HallApp, passwordHash: () => Promise<string>): Promise<void> {
  const { catalog, auth, log } = app;
  if (catalog.countMatters() > 0) return;
  const system: Actor = { kind: 'system', reason: 'demo-seed' };
  const r = await catalog.importCatalog(DEMO_CATALOG, (e, i, f) => ({ sheet: e, row: i + 1, column: f }), system, {
    format: 'demo',
    fileName: null,
  });
  if (!r.ok) {
    log.error({ error: 'refusal' in r ? r.refusal.error : r.error }, 'demo catalog seed failed');
    return;
  }
  for (const a of DEMO_APPROVERS) {
    const saved = await auth.saveStaff(
      { id: a.id, username: a.username, name: a.name, roles: a.roles, enabled: true },
      await passwordHash(),
    );
    if (!saved.ok) {
      log.warn({ error: saved.error, staffId: a.id }, DEMO_PASSWORD_NOTE);
      continue;
    }
    await catalog.setStaffDepartment(a.id, a.deptId, system);
  }
}

/** Books today's demo appointments (on time, too early, late) unless today already has some; returns their codes. */
export function seedDemoAppointments(app: HallApp): string[] {
  return app.appointments.seedToday(demoAppointments);
}

/** A demo booking as it stands now, for the welcome banner: its code and what a check-in with it would do. */
export interface DemoAppointmentState {
  code: string;
  label: string;
}

/**
 * Today's demo bookings labelled by what they really are at this start (checked in already, on time, too early and
 * from when, past): after a restart the bookings of the first start are still today's, so the labels come from the
 * check-in rules, not from the order they were made in.
 */
export function demoAppointmentStates(app: HallApp): DemoAppointmentState[] {
  const { config, clock } = app;
  const now = clock.now();
  return app.appointments
    .today()
    .filter((a) => a.id.startsWith('demo-'))
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((a) => {
      const d = decideCheckIn(
        { status: a.status, slotStart: Date.parse(a.slotStart), slotEnd: Date.parse(a.slotEnd) },
        now,
        config.appointments,
        true,
      );
      const label =
        d.kind === 'on-time'
          ? '准时 on time'
          : d.kind === 'too-early'
            ? `过早 too early（${formatLocal(d.opensAt, config.hall.timeZone).slice(11)} 起可签到 / from then）`
            : d.kind === 'used'
              ? '已签到 already used'
              : d.kind === 'cancelled'
                ? '已取消 cancelled'
                : '迟到 late';
      return { code: a.code, label };
    });
}
