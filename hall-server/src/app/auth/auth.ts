import { EventEmitter } from 'node:events';
import {
  appError,
  type AppError,
  type DeviceInput,
  type PairResponse,
  type Session,
  type StaffInput,
  type StaffRole,
  type StaffView,
} from '@onedoor/protocol';
import { type Result, failure, success } from '../../domain/result.js';
import { formatLocal } from '../../domain/time/hall-time.js';
import { Lockouts, minutesUntil, RefusalTally, type LockoutPolicy } from './lockout.js';
import type {
  AuditLog,
  Clock,
  Credentials,
  DeviceRecord,
  DeviceStore,
  StaffRecord,
  StaffStore,
  StoredStaff,
} from '../ports.js';

export interface AuthServiceOptions {
  sessionHours: number;
  pairingCodeMinutes: number;
}

/** Wrong passwords and pairing codes lock (issue 12, findings 3 and 7); by default the config schema's values. */
export interface AuthLimits {
  signIn: { account: LockoutPolicy; address: LockoutPolicy };
  pairing: { address: LockoutPolicy; hall: LockoutPolicy };
}

const DEFAULT_LIMITS: AuthLimits = {
  signIn: {
    account: { maxFailures: 5, windowMinutes: 15, lockMinutes: 5, maxLockMinutes: 60 },
    address: { maxFailures: 20, windowMinutes: 15, lockMinutes: 5, maxLockMinutes: 60 },
  },
  pairing: {
    address: { maxFailures: 10, windowMinutes: 10, lockMinutes: 10, maxLockMinutes: 60 },
    hall: { maxFailures: 100, windowMinutes: 10, lockMinutes: 10, maxLockMinutes: 60 },
  },
};

export interface AuthDeps {
  staff: StaffStore;
  devices: DeviceStore;
  audit: AuditLog;
  credentials: Credentials;
  clock: Clock;
  options: AuthServiceOptions;
  limits?: AuthLimits;
  /** For "try again after HH:MM" in the hall's local time. */
  timeZone?: string;
  /** The vault's lookup key of an ID number (PersonalDataVault.lookupKey): how a staff card is found, never stored plain. */
  cardLookupKey?: (idNumber: string) => string;
}

const TOO_MANY_SIGN_INS = { zh: '登录失败次数过多，已暂时锁定', en: 'too many failed sign-ins; locked for now' };
const TOO_MANY_PAIRINGS = {
  zh: '配对码错误次数过多，已暂停配对',
  en: 'too many wrong pairing codes; pairing is paused',
};

const staffNotFound = (id: string) => appError('NOT_FOUND', `没有这个人员：${id}`, `no staff member ${id}`);
// Picked field by field: nothing else a stored staff row carries (the password hash) leaves the server.
const staffView = (s: StoredStaff): StaffView => ({
  id: s.id,
  username: s.username,
  name: s.name,
  roles: s.roles,
  enabled: s.enabled,
  hasCard: s.hasCard,
});

/** Staff sign-in (scrypt), session tokens, device pairing and presence. Tokens are only ever stored hashed. */
export class AuthService extends EventEmitter<{ 'device-saved': [DeviceRecord]; revoked: [] }> {
  private readonly staff: StaffStore;
  private readonly devices: DeviceStore;
  private readonly credentials: Credentials;
  private readonly clock: Clock;
  private readonly signInLocks: { account: Lockouts; address: Lockouts };
  private readonly pairingLocks: { address: Lockouts; hall: Lockouts };
  private readonly refusals = new RefusalTally();

  constructor(private readonly deps: AuthDeps) {
    super();
    this.staff = deps.staff;
    this.devices = deps.devices;
    this.credentials = deps.credentials;
    this.clock = deps.clock;
    const limits = deps.limits ?? DEFAULT_LIMITS;
    this.signInLocks = { account: new Lockouts(limits.signIn.account), address: new Lockouts(limits.signIn.address) };
    this.pairingLocks = { address: new Lockouts(limits.pairing.address), hall: new Lockouts(limits.pairing.hall) };
  }

  /** "Try again after 14:35 (about 5 minutes)", in the hall's time. */
  private locked(what: { zh: string; en: string }, until: number): AppError {
    const now = this.clock.now();
    const at = formatLocal(until, this.deps.timeZone ?? 'Asia/Shanghai').slice(11);
    const minutes = minutesUntil(until, now);
    return appError(
      'RATE_LIMITED',
      `${what.zh}，请于 ${at} 后再试（约 ${minutes} 分钟）`,
      `${what.en}; try again after ${at} (about ${minutes} min)`,
    );
  }

  /** Every refused sign-in or pairing leaves a row: who was tried, from where, why. */
  private auditFailure(action: string, staffId: string | null, target: string | null, detail: string): void {
    this.deps.audit.audit(this.nowIso(), staffId, action, target, detail);
  }

  /** A refusal while locked: counted, and written as `locked; refused N` rows (see RefusalTally). */
  private auditLocked(action: string, target: string | null, address: string): void {
    const n = this.refusals.refuse(`${action}|${target}|${address}`);
    if (n > 0) this.auditFailure(action, null, target, `address ${address}; locked; refused ${n}`);
  }

  /** Writes what is left of the refusals counted while the key was locked. */
  private settleLocked(action: string, target: string | null, address: string): void {
    const n = this.refusals.settle(`${action}|${target}|${address}`);
    if (n > 0) this.auditFailure(action, null, target, `address ${address}; locked; refused ${n}`);
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async login(username: string, password: string, address = 'local'): Promise<Result<Session>> {
    const checked = await this.checkPassword(username, password, address);
    if (!checked.ok) return checked;
    const staff = checked.value;
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

  /**
   * A staff code (工号 and 密码) typed somewhere else than the sign-in screen (a kiosk's 绿色通道): the same check,
   * locks and audit rows as a sign-in, but no session is made.
   */
  verifyStaffCode(username: string, password: string, address = 'local'): Promise<Result<StaffRecord>> {
    return this.checkPassword(username, password, address);
  }

  /** The enabled or disabled staff member whose registered card this is, or null (a visitor's card, no reader key). */
  staffForCard(idNumber: string): StaffRecord | null {
    const key = this.deps.cardLookupKey?.(idNumber);
    return key ? this.staff.findStaffByCardKey(key) : null;
  }

  /** Registers a staff member's card (their own ID card), or removes it with null; `by`: who did it, for the audit. */
  registerStaffCard(staffId: string, idNumber: string | null, by: string | null = null): Result<null> {
    if (!this.staff.findStaff(staffId))
      return failure(appError('NOT_FOUND', `人员 ${staffId} 不存在`, `staff member ${staffId} does not exist`));
    const lookup = this.deps.cardLookupKey;
    if (idNumber !== null && !lookup)
      return failure(
        appError(
          'UNAVAILABLE',
          '本服务器未配置证件密钥，无法登记工作人员卡',
          'no vault key: cards cannot be registered',
        ),
      );
    if (!this.staff.setStaffCardKey(staffId, idNumber === null ? null : lookup!(idNumber)))
      return failure(
        appError('CONFLICT', '该卡已登记给其他工作人员', 'this card is registered to another staff member'),
      );
    this.deps.audit.audit(
      this.nowIso(),
      by,
      idNumber === null ? 'staff-card-removed' : 'staff-card-registered',
      `staff:${staffId}`,
      null,
    );
    return success(null);
  }

  /** The password check of a sign-in, with its locks and audit rows; the staff member when it passes. */
  private async checkPassword(username: string, password: string, address: string): Promise<Result<StaffRecord>> {
    const now = this.clock.now();
    const target = `user:${username.slice(0, 64)}`;
    const { account, address: fromAddress } = this.signInLocks;
    // A locked account or address is refused before the password is checked: 2,000 guesses cost 2,000 scrypts.
    const lockedUntil = Math.max(account.lockedUntil(username, now) ?? 0, fromAddress.lockedUntil(address, now) ?? 0);
    if (lockedUntil > now) {
      this.auditLocked('login-failed', target, address);
      return failure(this.locked(TOO_MANY_SIGN_INS, lockedUntil));
    }
    this.settleLocked('login-failed', target, address);
    // Counted before the (slow) check, so parallel guesses cannot all slip past the lock; a success takes it back.
    const lockNow = Math.max(account.fail(username, now) ?? 0, fromAddress.fail(address, now) ?? 0);
    const staff = this.staff.findStaffByUsername(username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = await this.credentials.verifyPassword(
      password,
      staff?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    if (!staff || !ok || !staff.enabled) {
      this.auditFailure(
        'login-failed',
        staff?.id ?? null,
        target,
        `address ${address}; ${!staff || !ok ? 'wrong username or password' : 'disabled'}`,
      );
      if (lockNow > 0) return failure(this.locked(TOO_MANY_SIGN_INS, lockNow));
      return failure(appError('UNAUTHENTICATED', '用户名或密码错误', 'wrong username or password'));
    }
    // The account's count starts over; the address keeps its other failures (one good account must not launder
    // guesses at others).
    account.succeed(username);
    fromAddress.forgive(address);
    return success(staff);
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

  /** `passwordHash`: a ready hash instead of hashing `input.password` (the demo accounts share one, see demo-seed). */
  async saveStaff(input: StaffInput, passwordHash?: string): Promise<Result<StaffView>> {
    const existing = this.staff.findStaff(input.id);
    const clash = this.staff.findStaffByUsername(input.username);
    if (clash && clash.id !== input.id)
      return failure(appError('CONFLICT', `用户名 ${input.username} 已被使用`, `username ${input.username} is taken`));
    const cardOwner = input.cardIdNumber ? this.staffForCard(input.cardIdNumber) : null;
    if (cardOwner && cardOwner.id !== input.id)
      return failure(
        appError('CONFLICT', '该卡已登记给其他工作人员', 'this card is registered to another staff member'),
      );
    if (!existing && !input.password && !passwordHash)
      return failure(appError('BAD_REQUEST', '新建人员需要设置密码', 'a new staff member needs a password'));
    const record: StaffRecord = {
      id: input.id,
      username: input.username,
      name: input.name,
      roles: input.roles,
      passwordHash:
        passwordHash ?? (input.password ? await this.credentials.hashPassword(input.password) : existing!.passwordHash),
      enabled: input.enabled,
    };
    this.staff.upsertStaff(record, this.nowIso());
    if (input.cardIdNumber !== undefined) {
      const card = this.registerStaffCard(input.id, input.cardIdNumber);
      if (!card.ok) return card;
    }
    // A disabled or demoted account loses its open sockets now, not at its next sign-in.
    if (existing) this.emit('revoked');
    return success(staffView(this.staff.findStaff(input.id)!));
  }

  /** Enables or disables an account; a disabled one's sessions stop working and its open sockets are cut now. */
  setStaffEnabled(staffId: string, enabled: boolean): Result<StaffView> {
    const existing = this.staff.findStaff(staffId);
    if (!existing) return failure(staffNotFound(staffId));
    this.staff.upsertStaff({ ...existing, enabled }, this.nowIso());
    if (!enabled) this.emit('revoked');
    return success(staffView({ ...existing, enabled }));
  }

  /** A new password; every session of the account ends (its sockets are cut), so the old one opens nothing. */
  async resetPassword(staffId: string, password: string): Promise<Result<StaffView>> {
    const existing = this.staff.findStaff(staffId);
    if (!existing) return failure(staffNotFound(staffId));
    const passwordHash = await this.credentials.hashPassword(password);
    this.staff.upsertStaff({ ...existing, passwordHash }, this.nowIso());
    this.staff.deleteSessionsOf(staffId);
    this.emit('revoked');
    return success(staffView(existing));
  }

  /** The device's token stops working at once: its sockets and its MQTT connection are cut ('revoked'). */
  revokeDevice(deviceId: string): Result<DeviceRecord> {
    if (!this.devices.revokeDevice(deviceId, this.nowIso()))
      return failure(appError('NOT_FOUND', `设备 ${deviceId} 不存在`, `device ${deviceId} does not exist`));
    this.emit('revoked');
    return success(this.devices.findDevice(deviceId)!);
  }

  staffMember(staffId: string): StaffView | null {
    const s = this.staff.findStaff(staffId);
    return s ? staffView(s) : null;
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

  pair(code: string, address = 'local'): Result<PairResponse> {
    const now = this.clock.now();
    const locks = this.pairingLocks;
    // A locked address (or a hall under attack) is refused before the code is looked at, even a right one.
    const lockedUntil = Math.max(
      locks.address.lockedUntil(address, now) ?? 0,
      locks.hall.lockedUntil('hall', now) ?? 0,
    );
    if (lockedUntil > now) {
      this.auditLocked('pair-failed', null, address);
      return failure(this.locked(TOO_MANY_PAIRINGS, lockedUntil));
    }
    this.settleLocked('pair-failed', null, address);
    const token = this.credentials.newToken();
    const device = this.devices.completePairing(
      this.credentials.tokenHash(code),
      this.credentials.tokenHash(token),
      this.nowIso(),
    );
    if (!device) {
      const lockNow = Math.max(locks.address.fail(address, now) ?? 0, locks.hall.fail('hall', now) ?? 0);
      this.auditFailure('pair-failed', null, null, `address ${address}; wrong or expired code`);
      if (lockNow > 0) return failure(this.locked(TOO_MANY_PAIRINGS, lockNow));
      return failure(
        appError(
          'PAIRING_CODE_INVALID',
          '配对码无效或已过期，请在管理控制台重新生成',
          'the pairing code is wrong or expired; create a new one in the console',
        ),
      );
    }
    locks.address.succeed(address);
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
    return this.staff.listStaff().map(staffView);
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

  /** Staff reads of full personal data, sign-ins, backups: who, what, when. Returns the time it was recorded at. */
  audit(staffId: string | null, action: string, target: string | null, detail: string | null = null): string {
    const at = this.nowIso();
    this.deps.audit.audit(at, staffId, action, target, detail);
    return at;
  }

  static hasRole(staff: StaffRecord, ...roles: StaffRole[]): boolean {
    return staff.roles.some((r) => roles.includes(r) || r === 'admin');
  }
}
