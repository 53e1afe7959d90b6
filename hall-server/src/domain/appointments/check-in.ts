import type { AppointmentStatus } from '@onedoor/protocol';

export interface CheckInRules {
  earlyMinutes: number;
  lateMinutes: number;
  whenLate: 'walk-in' | 'refuse';
}

export interface BookedSlot {
  status: AppointmentStatus;
  slotStart: number;
  slotEnd: number;
}

/**
 * What a check-in at `now` means. On time = from `earlyMinutes` before the slot to `lateMinutes` after its end.
 * A booking for a later day is "too early"; one whose day has passed is "too late" whatever the rules say.
 */
export type CheckInDecision =
  | { kind: 'on-time' }
  | { kind: 'too-early'; opensAt: number }
  | { kind: 'late-walk-in' }
  | { kind: 'too-late' }
  | { kind: 'used' }
  | { kind: 'cancelled' };

export function decideCheckIn(
  slot: BookedSlot,
  now: number,
  rules: CheckInRules,
  sameBusinessDay: boolean,
): CheckInDecision {
  if (slot.status === 'checked-in') return { kind: 'used' };
  if (slot.status === 'cancelled') return { kind: 'cancelled' };
  const opensAt = slot.slotStart - rules.earlyMinutes * 60_000;
  const closesAt = slot.slotEnd + rules.lateMinutes * 60_000;
  if (now < opensAt) return { kind: 'too-early', opensAt };
  if (now <= closesAt && sameBusinessDay) return { kind: 'on-time' };
  if (!sameBusinessDay) return { kind: 'too-late' };
  return rules.whenLate === 'walk-in' ? { kind: 'late-walk-in' } : { kind: 'too-late' };
}
