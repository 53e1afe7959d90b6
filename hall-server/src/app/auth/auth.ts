import { EventEmitter } from 'node:events';
import {
  appError,
  type DeviceInput,
  type PairResponse,
  type Session,
  type StaffInput,
  type StaffRole,
  type StaffView,
} from '@onedoor/protocol';
import { type Result, failure, success } from '../../domain/result.js';
import type { AuditLog, Clock, Credentials, DeviceRecord, DeviceStore, StaffRecord, StaffStore } from '../ports.js';

export interface AuthServiceOptions {
  sessionHours: number;
  pairingCodeMinutes: number;
}

export interface AuthDeps {
  staff: StaffStore;
  devices: DeviceStore;
  audit: AuditLog;
  credentials: Credentials;
  clock: Clock;
  options: AuthServiceOptions;
}

/** Staff sign-in (scrypt), session tokens, device pairing and presence. Tokens are only ever stored hashed. */
export class AuthService extends EventEmitter<{ 'device-saved': [DeviceRecord]; revoked: [] }> {
  private readonly staff: StaffStore;
  private readonly devices: DeviceStore;
  private readonly credentials: Credentials;
  private readonly clock: Clock;

  constructor(private readonly deps: AuthDeps) {
    super();
    this.staff = deps.staff;
    this.devices = deps.devices;
    this.credentials = deps.credentials;
    this.clock = deps.clock;
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async login(username: string, password: string): Promise<Result<Session>> {
    const staff = this.staff.findStaffByUsername(username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = await this.credentials.verifyPassword(
      password,
      staff?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    if (!staff || !ok || !staff.enabled) {
      return failure(appError('UNAUTHENTICATED', '用户名或密码错误', 'wrong username or password'));
    }
    const token = this.credentials.newToken();
    const expiresAt = new Date(this.clock.now() + this.deps.options.sessionHours * 3_600_000).toISOString();
    this.staff.createSession(this.credentials.tokenHash(token), staff.id, this.nowIso(), expiresAt);
    this.deps.audit.audit(this.nowIso(), staff.id, 'login', null, null);
    return success({
      sessionToken: token,
      staff: { id: staff.id, username: staff.username, name: staff.name, roles: staff.roles },
      expiresAt,
    });
  }

  logout(token: string): void {
    this.staff.deleteSession(this.credentials.tokenHash(token));
    // Open sockets holding this token are cut by whoever listens (the socket server).
    this.emit('revoked');
  }

  staffForToken(token: string | undefined): StaffRecord | null {
    if (!token) return null;
    return this.staff.findSession(this.credentials.tokenHash(token), this.nowIso());
  }

  deviceForToken(token: string | undefined): DeviceRecord | null {
    if (!token) return null;
    return this.devices.findDeviceByToken(this.credentials.tokenHash(token));
  }

  async saveStaff(input: StaffInput): Promise<Result<StaffView>> {
    const existing = this.staff.findStaff(input.id);
    const clash = this.staff.findStaffByUsername(input.username);
    if (clash && clash.id !== input.id)
      return failure(appError('CONFLICT', `用户名 ${input.username} 已被使用`, `username ${input.username} is taken`));
    if (!existing && !input.password)
      return failure(appError('BAD_REQUEST', '新建人员需要设置密码', 'a new staff member needs a password'));
    const passwordHash = input.password ? await this.credentials.hashPassword(input.password) : existing!.passwordHash;
    const record: StaffRecord = {
      id: input.id,
      username: input.username,
      name: input.name,
      roles: input.roles,
      passwordHash,
      enabled: input.enabled,
    };
    this.staff.upsertStaff(record, this.nowIso());
    // A disabled or demoted account loses its open sockets now, not at its next sign-in.
    if (existing) this.emit('revoked');
    const { passwordHash: _hidden, ...visible } = record;
    return success(visible);
  }

  saveDevice(input: DeviceInput): DeviceRecord {
    this.devices.upsertDevice(input);
    const saved = this.devices.findDevice(input.id)!;
    this.emit('device-saved', saved);
    return saved;
  }

  markDeviceOnline(deviceId: string, online: boolean): void {
    this.devices.setDeviceState(deviceId, online, online ? [] : ['disconnected'], this.nowIso());
  }

  /** A 6-digit one-time code shown to the installer; the device exchanges it for its token. */
  createPairingCode(deviceId: string): Result<{ code: string; expiresAt: string }> {
    const code = this.credentials.pairingCode();
    const expiresAt = new Date(this.clock.now() + this.deps.options.pairingCodeMinutes * 60_000).toISOString();
    if (!this.devices.setPairingCode(deviceId, this.credentials.tokenHash(code), expiresAt)) {
      return failure(appError('NOT_FOUND', `设备 ${deviceId} 不存在`, `device ${deviceId} does not exist`));
    }
    return success({ code, expiresAt });
  }

  pair(code: string): Result<PairResponse> {
    const token = this.credentials.newToken();
    const device = this.devices.completePairing(
      this.credentials.tokenHash(code),
      this.credentials.tokenHash(token),
      this.nowIso(),
    );
    if (!device)
      return failure(
        appError(
          'PAIRING_CODE_INVALID',
          '配对码无效或已过期，请在管理控制台重新生成',
          'the pairing code is wrong or expired; create a new one in the console',
        ),
      );
    // The device's old token is gone: its open sockets (and MQTT connection) are cut.
    this.emit('revoked');
    return success({ deviceId: device.id, kind: device.kind, deviceToken: token });
  }

  /** Issues a device token directly (demo seeding and tests); the pairing flow is the normal way. */
  issueDeviceToken(deviceId: string): string {
    const token = this.credentials.newToken();
    this.devices.setDeviceToken(deviceId, this.credentials.tokenHash(token), this.nowIso());
    this.emit('revoked');
    return token;
  }

  /** A device's own report of its state (MQTT devices, the gateway), stamped with the hall's clock. */
  reportDeviceState(deviceId: string, online: boolean, status: string[]): void {
    this.devices.setDeviceState(deviceId, online, status, this.nowIso());
  }

  device(deviceId: string): DeviceRecord | null {
    return this.devices.findDevice(deviceId);
  }

  listDevices(): DeviceRecord[] {
    return this.devices.listDevices();
  }

  listStaff(): StaffView[] {
    return this.staff.listStaff().map(({ passwordHash: _p, ...s }) => s);
  }

  countStaff(): number {
    return this.staff.countStaff();
  }

  /** Writes a staff member with a ready password hash (demo seeding, benchmarks). */
  upsertStaffRecord(record: StaffRecord): void {
    this.staff.upsertStaff(record, this.nowIso());
  }

  hashPassword(password: string): Promise<string> {
    return this.credentials.hashPassword(password);
  }

  /** Staff reads of full personal data, sign-ins, backups: who, what, when. */
  audit(staffId: string | null, action: string, target: string | null): void {
    this.deps.audit.audit(this.nowIso(), staffId, action, target, null);
  }

  static hasRole(staff: StaffRecord, ...roles: StaffRole[]): boolean {
    return staff.roles.some((r) => roles.includes(r) || r === 'admin');
  }
}
