import {
  appError,
  type DeviceInput,
  type DeviceView,
  type StaffCreate,
  type StaffInput,
  type StaffView,
} from '@onedoor/protocol';
import { failure, success, type Result } from '../../domain/result.js';
import type { AuthService } from '../auth/auth.js';
import type { IdGenerator, StaffRecord } from '../ports.js';
import type { AuditTrail } from './audit-trail.js';

export interface StaffConfigurationDeps {
  auth: AuthService;
  trail: AuditTrail;
  ids: IdGenerator;
}

const adminsOnly = () =>
  appError(
    'FORBIDDEN',
    '只有系统管理员可以创建或修改管理员账号',
    'only an administrator may create or change an administrator account',
  );

/**
 * Staff accounts and devices from the console's configuration screens, every change audited (who, when, before,
 * after; never a password or a token). A manager runs the hall's accounts but cannot make or touch an administrator:
 * that would let a manager raise their own rights.
 */
export class StaffConfiguration {
  constructor(private readonly deps: StaffConfigurationDeps) {}

  async createStaff(input: StaffCreate, by: StaffRecord): Promise<Result<StaffView>> {
    if (input.roles.includes('admin') && !isAdmin(by)) return failure(adminsOnly());
    const saved = await this.deps.auth.saveStaff({ ...input, id: this.deps.ids.newId(), enabled: true });
    if (saved.ok) this.deps.trail.change(by.id, 'config.staff.create', saved.value.id, null, saved.value);
    return saved;
  }

  /** PUT /api/staff/:id (administrators): create or replace an account. */
  async saveStaff(input: StaffInput, by: StaffRecord): Promise<Result<StaffView>> {
    const before = this.deps.auth.staffMember(input.id);
    const saved = await this.deps.auth.saveStaff(input);
    if (saved.ok) {
      const detail = input.password ? 'password set' : undefined;
      this.deps.trail.change(
        by.id,
        before ? 'config.staff.update' : 'config.staff.create',
        input.id,
        before,
        saved.value,
        detail,
      );
    }
    return saved;
  }

  setStaffEnabled(staffId: string, enabled: boolean, by: StaffRecord): Result<StaffView> {
    const before = this.deps.auth.staffMember(staffId);
    if (before && !this.mayChange(before, by)) return failure(adminsOnly());
    if (staffId === by.id && !enabled)
      return failure(appError('BAD_REQUEST', '不能停用自己的账号', 'you cannot disable your own account'));
    const saved = this.deps.auth.setStaffEnabled(staffId, enabled);
    if (saved.ok)
      this.deps.trail.change(
        by.id,
        enabled ? 'config.staff.enable' : 'config.staff.disable',
        staffId,
        before,
        saved.value,
      );
    return saved;
  }

  async resetPassword(staffId: string, password: string, by: StaffRecord): Promise<Result<StaffView>> {
    const before = this.deps.auth.staffMember(staffId);
    if (before && !this.mayChange(before, by)) return failure(adminsOnly());
    const saved = await this.deps.auth.resetPassword(staffId, password);
    // The password itself is never written anywhere but as its scrypt hash in the staff table.
    if (saved.ok) this.deps.trail.change(by.id, 'config.staff.password-reset', staffId, null, null, 'password reset');
    return saved;
  }

  /**
   * Registers a staff member's own ID card for 绿色通道, or removes it (null). A card registered to someone else is
   * refused and nothing changes; the audit row (staff-card-registered / -removed) names who did it, never the number.
   */
  setStaffCard(staffId: string, idNumber: string | null, by: StaffRecord): Result<StaffView> {
    const before = this.deps.auth.staffMember(staffId);
    if (before && !this.mayChange(before, by)) return failure(adminsOnly());
    const card = this.deps.auth.registerStaffCard(staffId, idNumber, by.id);
    if (!card.ok) return card;
    return success(this.deps.auth.staffMember(staffId)!);
  }

  saveDevice(input: DeviceInput, by: StaffRecord): DeviceView {
    const before = this.deps.auth.device(input.id);
    const saved = this.deps.auth.saveDevice(input);
    this.deps.trail.change(by.id, before ? 'config.device.update' : 'config.device.create', input.id, before, saved);
    return saved;
  }

  revokeDevice(deviceId: string, by: StaffRecord): Result<DeviceView> {
    const before = this.deps.auth.device(deviceId);
    const revoked = this.deps.auth.revokeDevice(deviceId);
    if (revoked.ok) this.deps.trail.change(by.id, 'config.device.revoke', deviceId, before, revoked.value);
    return revoked;
  }

  createPairingCode(deviceId: string, by: StaffRecord): Result<{ code: string; expiresAt: string }> {
    const code = this.deps.auth.createPairingCode(deviceId);
    // The code is a secret for the installer: the trail says one was made, not which.
    if (code.ok)
      this.deps.trail.change(
        by.id,
        'config.device.pairing-code',
        deviceId,
        null,
        null,
        `expires ${code.value.expiresAt}`,
      );
    return code;
  }

  private mayChange(target: StaffView, by: StaffRecord): boolean {
    return isAdmin(by) || !target.roles.includes('admin');
  }
}

const isAdmin = (s: StaffRecord) => s.roles.includes('admin');
