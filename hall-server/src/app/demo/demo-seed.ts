import type { HallApp } from '../hall-app.js';
import type { Actor } from '../ports.js';
import { DEMO_APPROVERS, DEMO_CATALOG, DEMO_PASSWORD_NOTE } from './demo-catalog.js';
import { DEMO_DEVICES, DEMO_PASSWORD, DEMO_STAFF, DEMO_WINDOWS, demoAppointments, demoServices } from './demo-hall.js';

/** Devices whose tokens the welcome banner prints. */
const PRINTED_DEVICES = ['display-main', 'kiosk-01', 'gateway-01'] as const;

/**
 * First start of a demo hall: services and windows, staff and devices; then, on every start, fresh tokens for the
 * printed devices so the URLs on the banner always work.
 */
export async function seedDemoHall(app: HallApp): Promise<Record<string, string>> {
  const { hall, auth, config } = app;
  const system: Actor = { kind: 'system', reason: 'demo-seed' };
  if (hall.queueState.services.size === 0) {
    await hall.saveConfiguration({ services: demoServices(config.demo.officeHours), windows: DEMO_WINDOWS }, system);
  }
  if (auth.countStaff() === 0) {
    const passwordHash = await auth.hashPassword(DEMO_PASSWORD);
    for (const s of DEMO_STAFF) auth.upsertStaffRecord({ ...s, passwordHash, enabled: true });
  }
  for (const d of DEMO_DEVICES) {
    if (!auth.device(d.id)) auth.saveDevice(d);
  }
  const tokens: Record<string, string> = {};
  for (const id of PRINTED_DEVICES) tokens[id] = auth.issueDeviceToken(id);
  return tokens;
}

/** The demo catalog and one approver per department, once. */
export async function seedDemoCatalog(app: HallApp): Promise<void> {
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
    const saved = await auth.saveStaff({
      id: a.id,
      username: a.username,
      name: a.name,
      roles: a.roles,
      password: DEMO_PASSWORD,
      enabled: true,
    });
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
