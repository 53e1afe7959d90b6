import {
  appError,
  type CalendarOverride,
  type RetentionSettings,
  type ServiceConfig,
  type WindowConfig,
  type WindowView,
} from '@onedoor/protocol';
import type { AlarmThresholds } from '../../domain/alarms/alarms.js';
import { failure, success, type Result } from '../../domain/result.js';
import type { HallAlarms } from '../alarms/hall-alarms.js';
import type { HallCalendar } from '../calendar/hall-calendar.js';
import type { CommandPipeline } from '../pipeline.js';
import type { QueueStore, StaffRecord } from '../ports.js';
import type { HallQueue } from '../queue/hall-queue.js';
import type { AuditTrail } from './audit-trail.js';

export interface HallConfigurationDeps {
  hall: HallQueue;
  alarms: HallAlarms;
  calendar: HallCalendar;
  pipeline: CommandPipeline;
  queue: QueueStore;
  trail: AuditTrail;
  /** config `retention.personalDataDays`: the default until a manager sets another. */
  defaultRetentionDays: number;
}

const RETENTION_KEY = 'retention.personalDataDays';
const asStaff = (s: StaffRecord) => ({ kind: 'staff' as const, staffId: s.id });

/**
 * The hall's configuration from the console (issue 10): services, windows, thresholds, calendar, retention, and the
 * manager's floor actions. Each goes through the use case that owns it (so bad input is refused there, in Chinese and
 * English, and nothing changes) and, once it went through, leaves an audit row with the record before and after.
 */
export class HallConfiguration {
  constructor(private readonly deps: HallConfigurationDeps) {}

  /** A new service; an id already in use is refused (PUT replaces, POST only creates). */
  async createService(service: ServiceConfig, by: StaffRecord): Promise<Result<ServiceConfig>> {
    if (this.service(service.id))
      return failure(
        appError('CONFLICT', `业务编号 ${service.id} 已存在`, `a service with id ${service.id} exists already`),
      );
    return this.saveService(service, by);
  }

  async saveService(service: ServiceConfig, by: StaffRecord): Promise<Result<ServiceConfig>> {
    const before = this.service(service.id);
    const r = await this.deps.hall.saveConfiguration({ services: [service] }, asStaff(by));
    if (!r.ok) return r;
    this.deps.trail.change(
      by.id,
      before ? 'config.service.update' : 'config.service.create',
      service.id,
      before,
      service,
    );
    return success(service);
  }

  /** Closes a service at the kiosks (no new tickets; those waiting are still called) or opens it again. */
  async setServiceEnabled(serviceId: string, enabled: boolean, by: StaffRecord): Promise<Result<ServiceConfig>> {
    const before = this.service(serviceId);
    if (!before) return failure(appError('NOT_FOUND', `没有这个业务：${serviceId}`, `no service ${serviceId}`));
    const after = { ...before, enabled };
    const r = await this.deps.hall.saveConfiguration({ services: [after] }, asStaff(by));
    if (!r.ok) return r;
    this.deps.trail.change(by.id, enabled ? 'config.service.open' : 'config.service.close', serviceId, before, after);
    return success(after);
  }

  async saveWindow(window: WindowConfig, by: StaffRecord): Promise<Result<WindowConfig>> {
    const before = this.deps.hall.queueState.windows.get(window.id)?.config ?? null;
    const r = await this.deps.hall.saveConfiguration({ windows: [window] }, asStaff(by));
    if (!r.ok) return r;
    this.deps.trail.change(by.id, before ? 'config.window.update' : 'config.window.create', window.id, before, window);
    return success(window);
  }

  setThresholds(change: Record<string, unknown>, by: StaffRecord): Result<AlarmThresholds> {
    const before = this.deps.alarms.thresholds();
    const r = this.deps.alarms.setThresholds(change);
    if (r.ok) this.deps.trail.change(by.id, 'config.alarm-thresholds', 'alarms', before, r.value);
    return r;
  }

  async saveCalendarOverride(o: CalendarOverride, by: StaffRecord): Promise<Result<CalendarOverride>> {
    const before = this.deps.calendar.overrides().find((x) => x.date === o.date) ?? null;
    const r = await this.deps.calendar.saveOverride(o, asStaff(by));
    if (r.ok) this.deps.trail.change(by.id, 'config.calendar.override', o.date, before, r.value);
    return r;
  }

  async deleteCalendarOverride(date: string, by: StaffRecord): Promise<Result<{ date: string }>> {
    const before = this.deps.calendar.overrides().find((x) => x.date === date) ?? null;
    const r = await this.deps.calendar.deleteOverride(date, asStaff(by));
    if (r.ok) this.deps.trail.change(by.id, 'config.calendar.override-removed', date, before, null);
    return r;
  }

  /** Days personal data is kept: the manager's setting, else the config file's. */
  retentionDays(): number {
    const saved = Number(this.deps.queue.getMeta(RETENTION_KEY));
    return Number.isInteger(saved) && saved > 0 ? saved : this.deps.defaultRetentionDays;
  }

  async setRetention(settings: RetentionSettings, by: StaffRecord): Promise<Result<RetentionSettings>> {
    const before = { personalDataDays: this.retentionDays() };
    const r = await this.deps.pipeline.record<RetentionSettings>(asStaff(by), () => {
      this.deps.queue.putMeta(RETENTION_KEY, String(settings.personalDataDays));
      return { value: settings, eventType: 'settings.retention-changed', payload: settings };
    });
    if (r.ok) this.deps.trail.change(by.id, 'config.retention', 'personal-data', before, settings);
    return r;
  }

  async setNotice(text: string, by: StaffRecord): Promise<Result<{ notice: string }>> {
    const before = { notice: this.deps.hall.snapshot().notice };
    const r = await this.deps.hall.setNotice(text, asStaff(by));
    if (r.ok) this.deps.trail.change(by.id, 'config.notice', 'boards', before, r.value);
    return r;
  }

  async moveWaiting(
    fromServiceId: string,
    toServiceId: string,
    by: StaffRecord,
  ): Promise<Result<{ moved: number; ticketIds: string[] }>> {
    const r = await this.deps.hall.moveWaiting(fromServiceId, toServiceId, asStaff(by));
    if (r.ok) this.deps.trail.change(by.id, 'floor.move-waiting', fromServiceId, null, { toServiceId, ...r.value });
    return r;
  }

  async moveClerk(fromWindowId: string, toWindowId: string, by: StaffRecord): Promise<Result<WindowView>> {
    const clerk = this.deps.hall.queueState.windows.get(fromWindowId)?.runtime.clerkId ?? null;
    const r = await this.deps.hall.moveClerk(fromWindowId, toWindowId, asStaff(by));
    if (r.ok)
      this.deps.trail.change(
        by.id,
        'floor.move-clerk',
        fromWindowId,
        { windowId: fromWindowId, clerk },
        {
          windowId: toWindowId,
          clerk,
        },
      );
    return r;
  }

  private service(id: string): ServiceConfig | null {
    return this.deps.hall.queueState.services.get(id) ?? null;
  }
}
