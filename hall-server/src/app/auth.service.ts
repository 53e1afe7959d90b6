import { randomInt } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  appError,
  type DeviceInput,
  type PairResponse,
  type Session,
  type StaffInput,
  type StaffRole,
} from '@onedoor/protocol';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import type { AuthRepository, DeviceRecord, StaffRecord } from '../adapters/db/auth.repository.js';
// eslint-disable-next-line no-restricted-imports -- TODO issue 8: app/ imports adapters until its ports exist
import { hashPassword, newToken, tokenHash, verifyPassword } from '../adapters/crypto/secrets.js';
import { type Result, failure, success } from '../domain/result.js';
import type { Clock } from './ports.js';

export interface AuthServiceOptions {
  sessionHours: number;
  pairingCodeMinutes: number;
}

/** Staff sign-in (scrypt), session tokens, device pairing. Tokens are only ever stored hashed. */
export class AuthService extends EventEmitter<{ 'device-saved': [DeviceRecord] }> {
  constructor(
    private readonly repo: AuthRepository,
    private readonly clock: Clock,
    private readonly options: AuthServiceOptions,
  ) {
    super();
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  async login(username: string, password: string): Promise<Result<Session>> {
    const staff = this.repo.findStaffByUsername(username);
    // Verify even for unknown users so timing does not reveal which usernames exist.
    const ok = await verifyPassword(
      password,
      staff?.passwordHash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
    );
    if (!staff || !ok || !staff.enabled) {
      return failure(appError('UNAUTHENTICATED', '用户名或密码错误', 'wrong username or password'));
    }
    const token = newToken();
    const expiresAt = new Date(this.clock.now() + this.options.sessionHours * 3_600_000).toISOString();
    this.repo.createSession(tokenHash(token), staff.id, this.nowIso(), expiresAt);
    this.repo.audit(this.nowIso(), staff.id, 'login', null, null);
    return success({
      sessionToken: token,
      staff: { id: staff.id, username: staff.username, name: staff.name, roles: staff.roles },
      expiresAt,
    });
  }

  logout(token: string): void {
    this.repo.deleteSession(tokenHash(token));
  }

  staffForToken(token: string | undefined): StaffRecord | null {
    if (!token) return null;
    return this.repo.findSession(tokenHash(token), this.nowIso());
  }

  deviceForToken(token: string | undefined): DeviceRecord | null {
    if (!token) return null;
    return this.repo.findDeviceByToken(tokenHash(token));
  }

  async saveStaff(input: StaffInput): Promise<Result<Omit<StaffRecord, 'passwordHash'>>> {
    const existing = this.repo.findStaff(input.id);
    const clash = this.repo.findStaffByUsername(input.username);
    if (clash && clash.id !== input.id)
      return failure(appError('CONFLICT', `用户名 ${input.username} 已被使用`, `username ${input.username} is taken`));
    if (!existing && !input.password)
      return failure(appError('BAD_REQUEST', '新建人员需要设置密码', 'a new staff member needs a password'));
    const passwordHash = input.password ? await hashPassword(input.password) : existing!.passwordHash;
    const record: StaffRecord = {
      id: input.id,
      username: input.username,
      name: input.name,
      roles: input.roles,
      passwordHash,
      enabled: input.enabled,
    };
    this.repo.upsertStaff(record, this.nowIso());
    const { passwordHash: _hidden, ...visible } = record;
    return success(visible);
  }

  saveDevice(input: DeviceInput): DeviceRecord {
    this.repo.upsertDevice(input);
    const saved = this.repo.findDevice(input.id)!;
    this.emit('device-saved', saved);
    return saved;
  }

  markDeviceOnline(deviceId: string, online: boolean): void {
    this.repo.setDeviceState(deviceId, online, online ? [] : ['disconnected'], this.nowIso());
  }

  /** A 6-digit one-time code shown to the installer; the device exchanges it for its token. */
  createPairingCode(deviceId: string): Result<{ code: string; expiresAt: string }> {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(this.clock.now() + this.options.pairingCodeMinutes * 60_000).toISOString();
    if (!this.repo.setPairingCode(deviceId, tokenHash(code), expiresAt)) {
      return failure(appError('NOT_FOUND', `设备 ${deviceId} 不存在`, `device ${deviceId} does not exist`));
    }
    return success({ code, expiresAt });
  }

  pair(code: string): Result<PairResponse> {
    const token = newToken();
    const device = this.repo.completePairing(tokenHash(code), tokenHash(token), this.nowIso());
    if (!device)
      return failure(
        appError(
          'PAIRING_CODE_INVALID',
          '配对码无效或已过期，请在管理控制台重新生成',
          'the pairing code is wrong or expired; create a new one in the console',
        ),
      );
    return success({ deviceId: device.id, kind: device.kind, deviceToken: token });
  }

  /** Issues a device token directly (demo seeding and tests); the pairing flow is the normal way. */
  issueDeviceToken(deviceId: string): string {
    const token = newToken();
    this.repo.setDeviceToken(deviceId, tokenHash(token), this.nowIso());
    return token;
  }

  static hasRole(staff: StaffRecord, ...roles: StaffRole[]): boolean {
    return staff.roles.some((r) => roles.includes(r) || r === 'admin');
  }
}
