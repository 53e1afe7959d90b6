import {
  appError,
  type GreenUnlock,
  type GreenUnlockPayload,
  type IssuedTicket,
  type StaffRole,
} from '@onedoor/protocol';
import { type Result, failure, success } from '../../domain/result.js';
import { AuthService } from '../auth/auth.js';
import type { Clock, StaffRecord } from '../ports.js';

/** How long an unlock waits for its 绿色通道 ticket: the staff member stands beside the visitor at the kiosk. */
export const GREEN_UNLOCK_MINUTES = 3;

/** Who may give a 绿色通道 ticket at a kiosk: window clerks (导办 included) and managers (admins as always). */
const GREEN_ROLES: readonly StaffRole[] = ['clerk', 'manager'];

interface Unlock {
  deviceId: string;
  staffId: string;
  staffName: string;
  expiresAt: number;
  /** The issue request holding it (a retry of the same request may use it again); null while unused. */
  usedBy: string | null;
  issued: boolean;
}

export interface GreenUnlockDeps {
  auth: AuthService;
  clock: Clock;
  /** Unguessable ids: an unlock id is what lets a kiosk issue a 绿色通道 ticket. */
  newToken: () => string;
}

const NEEDS_STAFF = appError(
  'FORBIDDEN',
  '绿色通道号须由工作人员在本机刷工作人员卡或输入工号和密码授权',
  'a 绿色通道 ticket at a kiosk needs a staff card or staff code first',
);

/**
 * 绿色通道 at a kiosk (issue 9): a staff member's card (their own ID card, registered to their account) or their 工号
 * and 密码, given on the kiosk, unlocks one 绿色通道 ticket at that kiosk for a few minutes. The role is checked here,
 * on the kiosk's message — a visitor's card, an approver or a disabled account unlock nothing — and the kiosk's
 * `ticket:issue` with priority green is refused without an unlock of its own. In memory: a restart only asks the staff
 * member to show the card again.
 */
export class GreenUnlocks {
  private readonly unlocks = new Map<string, Unlock>();

  constructor(private readonly deps: GreenUnlockDeps) {}

  async unlock(deviceId: string, payload: GreenUnlockPayload, address: string): Promise<Result<GreenUnlock>> {
    const { auth, clock } = this.deps;
    const found = payload.card
      ? this.staffOfCard(payload.card.idNumber)
      : await auth.verifyStaffCode(payload.code!.username, payload.code!.password, address);
    if (!found.ok) {
      auth.audit(null, 'green-unlock-refused', `device:${deviceId}`);
      return found;
    }
    const staff = found.value;
    const denied = this.roleProblem(staff);
    if (denied) {
      auth.audit(staff.id, 'green-unlock-refused', `device:${deviceId}`);
      return failure(denied);
    }
    this.prune();
    const unlockId = this.deps.newToken();
    const expiresAt = clock.now() + GREEN_UNLOCK_MINUTES * 60_000;
    this.unlocks.set(unlockId, {
      deviceId,
      staffId: staff.id,
      staffName: staff.name,
      expiresAt,
      usedBy: null,
      issued: false,
    });
    auth.audit(staff.id, 'green-unlock', `device:${deviceId}`);
    return success({ unlockId, staffName: staff.name, expiresAt: new Date(expiresAt).toISOString() });
  }

  /**
   * A kiosk's `ticket:issue`: a 绿色通道 one only under an unlock of this kiosk, held while it is issued and used up
   * when it was (a refused issue frees it for another try); any other priority goes straight through.
   */
  async guardKioskIssue(
    deviceId: string,
    payload: { priority?: string | undefined; greenUnlock?: string | undefined; requestId?: string | undefined },
    issue: () => Promise<Result<IssuedTicket>>,
  ): Promise<Result<IssuedTicket>> {
    if (payload.priority !== 'green') return issue();
    const held = this.hold(deviceId, payload.greenUnlock, payload.requestId ?? `once-${this.deps.newToken()}`);
    if (!held.ok) return held;
    const r = await issue();
    const first = this.settle(payload.greenUnlock!, r.ok);
    // Who gave this green number: the ticket's own actor is the kiosk.
    if (r.ok && first) this.deps.auth.audit(held.value.staffId, 'green-ticket', `ticket:${r.value.ticket.id}`);
    return r;
  }

  /**
   * Holds the kiosk's unlock for this issue request: it must be this kiosk's, unexpired, and not used by another
   * request (the same request retried after a lost ack passes); one sent without a requestId cannot be retried, so
   * it gets a key of its own. `settle` then uses it up or frees it.
   */
  private hold(deviceId: string, unlockId: string | undefined, requestId: string): Result<{ staffId: string }> {
    const u = unlockId ? this.unlocks.get(unlockId) : undefined;
    if (!u || u.deviceId !== deviceId) return failure(NEEDS_STAFF);
    if (u.usedBy !== null && u.usedBy !== requestId)
      return failure(
        appError(
          'FORBIDDEN',
          '该绿色通道授权已使用，请工作人员重新刷卡或输入工号',
          'this 绿色通道 unlock was already used; the staff member must unlock again',
        ),
      );
    if (!u.issued && u.expiresAt <= this.deps.clock.now())
      return failure(
        appError(
          'FORBIDDEN',
          `绿色通道授权已超过 ${GREEN_UNLOCK_MINUTES} 分钟失效，请工作人员重新刷卡或输入工号`,
          `the 绿色通道 unlock expired after ${GREEN_UNLOCK_MINUTES} minutes; the staff member must unlock again`,
        ),
      );
    u.usedBy = requestId;
    return success({ staffId: u.staffId });
  }

  /** After the issue: an issued ticket uses the unlock up; a refused issue frees it for another try. */
  /** True when this issue is the first to use the unlock up (a retried one is not). */
  private settle(unlockId: string, issued: boolean): boolean {
    const u = this.unlocks.get(unlockId);
    if (!u || u.issued) return false;
    if (issued) u.issued = true;
    else u.usedBy = null;
    return issued;
  }

  private staffOfCard(idNumber: string): Result<StaffRecord> {
    const staff = this.deps.auth.staffForCard(idNumber);
    return staff
      ? success(staff)
      : failure(
          appError(
            'FORBIDDEN',
            '此卡不是本大厅登记的工作人员卡，不能开具绿色通道号；需要绿色通道请联系导办人员',
            'this card is not a staff card of this hall; a 绿色通道 ticket needs a staff member',
          ),
        );
  }

  private roleProblem(staff: StaffRecord) {
    if (!staff.enabled)
      return appError('FORBIDDEN', `${staff.name} 的账号已停用，不能授权绿色通道`, 'this staff account is disabled');
    if (!AuthService.hasRole(staff, ...GREEN_ROLES))
      return appError(
        'FORBIDDEN',
        `${staff.name} 无权开具绿色通道号（限窗口、导办和管理人员）`,
        'this staff member may not give 绿色通道 tickets (clerks and managers only)',
      );
    return null;
  }

  /** Expired, and issued-and-expired, unlocks are forgotten (a retry of an issued one is answered by the pipeline). */
  private prune(): void {
    const now = this.deps.clock.now();
    for (const [id, u] of this.unlocks) if (u.expiresAt + GREEN_UNLOCK_MINUTES * 60_000 <= now) this.unlocks.delete(id);
  }
}
