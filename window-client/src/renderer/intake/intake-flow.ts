/**
 * 一窗受理 for the called visitor as a pure state machine (the screen's components only render it):
 *
 *   identify ─ card / typed number ─▶ choose ─ matter ─▶ checklist ─ accept ─▶ checking-printer ─ ok ─▶ receiving
 *                                       ▲                    │ refuse                │ out of paper         │ ack ok
 *                                       │                    ▼                       ▼                      ▼
 *                                       └─ next matter ─ notice        printer-problem ─ accept anyway ─▶ accepted
 *                                       └─ next matter ──────────────────────────────────────────────── (reprint)
 *
 * Rules where they bite: a case is received only after the printer said it can print its receipt, or the clerk chose
 * to accept without printing (the receipt is owed and can be printed again later); a refusal lists every material not
 * at hand with its reason and routes nothing; a typed number is checked (GB 11643 check digit, or the old
 * 15-character foreigner card) before anything is sent; one visit may carry several matters, each its own case.
 * Request ids come from `ctx.newId`: the same inputs give the same outputs.
 */
import { checkIdNumber, ID_PROBLEM_TEXT, normalizeIdNumber } from '@onedoor/protocol';

export interface Applicant {
  name: string;
  idNumber: string;
  source: 'card' | 'typed';
}

export type MaterialMark = 'pending' | 'received' | 'tolerated' | 'cert-lookup' | 'missing';

export interface ChecklistItem {
  materialId: string;
  name: string;
  /** 原件/复印件 counts and the acceptance standard, shown beside the tick. */
  originals: number;
  copies: number;
  standard: string;
  mark: MaterialMark;
  /** 容缺: the date the visitor promises to bring it (YYYY-MM-DD). */
  dueDate?: string;
  /** Why it is missing or not acceptable (printed on the 一次性告知书). */
  reason?: string;
}

export interface Matter {
  matterId: string;
  name: string;
  items: ChecklistItem[];
}

export interface TakenCase {
  caseNo: string;
  matterName: string;
  receiptPrinted: boolean;
}

export type IntakeState =
  | { step: 'identify'; error: string | null; taken: TakenCase[] }
  | { step: 'choose'; applicant: Applicant; taken: TakenCase[] }
  | { step: 'checklist'; applicant: Applicant; matter: Matter; error: string | null; taken: TakenCase[] }
  | { step: 'checking-printer'; applicant: Applicant; matter: Matter; taken: TakenCase[] }
  | { step: 'printer-problem'; applicant: Applicant; matter: Matter; problem: string; taken: TakenCase[] }
  | { step: 'receiving'; applicant: Applicant; matter: Matter; requestId: string; print: boolean; taken: TakenCase[] }
  | { step: 'accepted'; applicant: Applicant; last: TakenCase; taken: TakenCase[] }
  | { step: 'notice'; applicant: Applicant; matter: Matter; taken: TakenCase[] };

export type IntakeEvent =
  | { type: 'card'; name: string; idNumber: string }
  | { type: 'card-failed'; message: string }
  | { type: 'typed'; name: string; idNumber: string }
  | { type: 'choose'; matter: Matter }
  | { type: 'mark'; materialId: string; mark: MaterialMark; dueDate?: string; reason?: string }
  | { type: 'accept' }
  | { type: 'printer-status'; ok: boolean; problem?: string }
  | { type: 'accept-without-print' }
  | { type: 'received'; caseNo: string }
  | { type: 'receive-refused'; message: string }
  | { type: 'receipt-printed'; caseNo: string; ok: boolean }
  | { type: 'reprint'; caseNo: string }
  | { type: 'refuse' }
  | { type: 'next-matter' }
  | { type: 'back' };

export type IntakeEffect =
  | { type: 'check-printer' }
  | { type: 'receive-case'; requestId: string; applicant: Applicant; matter: Matter }
  | { type: 'print-receipt'; caseNo: string }
  | { type: 'print-notice'; applicant: Applicant; matterName: string; missing: { name: string; reason: string }[] };

export interface IntakeContext {
  newId(): string;
}

export const initialIntake = (): IntakeState => ({ step: 'identify', error: null, taken: [] });

type Out = { state: IntakeState; effects: IntakeEffect[] };
const stay = (state: IntakeState): Out => ({ state, effects: [] });

/** Materials that are not at hand: what blocks an acceptance and what a notice lists. */
export function missingItems(matter: Matter): ChecklistItem[] {
  return matter.items.filter((i) => i.mark === 'pending' || i.mark === 'missing');
}

/** Why the checklist cannot be accepted yet, or null. */
export function acceptBlocker(matter: Matter): string | null {
  const missing = missingItems(matter);
  if (missing.length > 0) return `还有 ${missing.length} 项材料未收齐：${missing.map((m) => m.name).join('、')}`;
  const noDate = matter.items.find((i) => i.mark === 'tolerated' && !i.dueDate);
  if (noDate) return `容缺材料「${noDate.name}」需填写补交日期`;
  return null;
}

export function transition(state: IntakeState, event: IntakeEvent, ctx: IntakeContext): Out {
  const taken = state.taken;
  switch (event.type) {
    case 'card-failed':
      return state.step === 'identify' ? stay({ ...state, error: event.message }) : stay(state);
    case 'card':
    case 'typed': {
      if (state.step !== 'identify') return stay(state);
      const idNumber = normalizeIdNumber(event.idNumber);
      const problem = checkIdNumber(idNumber);
      if (problem) return stay({ ...state, error: `${ID_PROBLEM_TEXT[problem].zh} / ${ID_PROBLEM_TEXT[problem].en}` });
      if (!event.name.trim()) return stay({ ...state, error: '请填写申请人姓名 / enter the applicant’s name' });
      const applicant: Applicant = {
        name: event.name.trim(),
        idNumber,
        source: event.type === 'card' ? 'card' : 'typed',
      };
      return stay({ step: 'choose', applicant, taken });
    }
    case 'choose':
      if (state.step !== 'choose') return stay(state);
      return stay({ step: 'checklist', applicant: state.applicant, matter: event.matter, error: null, taken });
    case 'mark': {
      if (state.step !== 'checklist') return stay(state);
      const items = state.matter.items.map((i) =>
        i.materialId === event.materialId
          ? {
              ...i,
              mark: event.mark,
              ...(event.dueDate !== undefined ? { dueDate: event.dueDate } : {}),
              ...(event.reason !== undefined ? { reason: event.reason } : {}),
            }
          : i,
      );
      return stay({ ...state, matter: { ...state.matter, items }, error: null });
    }
    case 'accept': {
      if (state.step !== 'checklist') return stay(state);
      const blocker = acceptBlocker(state.matter);
      if (blocker) return stay({ ...state, error: blocker });
      return {
        state: { step: 'checking-printer', applicant: state.applicant, matter: state.matter, taken },
        effects: [{ type: 'check-printer' }],
      };
    }
    case 'printer-status': {
      if (state.step !== 'checking-printer') return stay(state);
      if (!event.ok) {
        return stay({
          ...state,
          step: 'printer-problem',
          problem: event.problem ?? '打印机不可用 / the printer is not available',
        });
      }
      return receive(state.applicant, state.matter, true, taken, ctx);
    }
    case 'accept-without-print':
      if (state.step !== 'printer-problem') return stay(state);
      return receive(state.applicant, state.matter, false, taken, ctx);
    case 'received': {
      if (state.step !== 'receiving') return stay(state);
      const last: TakenCase = { caseNo: event.caseNo, matterName: state.matter.name, receiptPrinted: false };
      const next: IntakeState = { step: 'accepted', applicant: state.applicant, last, taken: [...taken, last] };
      return { state: next, effects: state.print ? [{ type: 'print-receipt', caseNo: event.caseNo }] : [] };
    }
    case 'receive-refused':
      // Nothing was taken in (a matter no longer in force, a list changed meanwhile): back to the checklist.
      if (state.step !== 'receiving') return stay(state);
      return stay({ step: 'checklist', applicant: state.applicant, matter: state.matter, error: event.message, taken });
    case 'receipt-printed': {
      const mark = (c: TakenCase) => (c.caseNo === event.caseNo ? { ...c, receiptPrinted: event.ok } : c);
      if (state.step === 'accepted') return stay({ ...state, last: mark(state.last), taken: taken.map(mark) });
      return stay({ ...state, taken: taken.map(mark) });
    }
    case 'reprint':
      return taken.some((c) => c.caseNo === event.caseNo)
        ? { state, effects: [{ type: 'print-receipt', caseNo: event.caseNo }] }
        : stay(state);
    case 'refuse': {
      if (state.step !== 'checklist') return stay(state);
      const missing = missingItems(state.matter).map((m) => ({ name: m.name, reason: m.reason ?? '未提供' }));
      if (missing.length === 0) return stay({ ...state, error: '材料已齐全，无需出具一次性告知书' });
      return {
        state: { step: 'notice', applicant: state.applicant, matter: state.matter, taken },
        effects: [{ type: 'print-notice', applicant: state.applicant, matterName: state.matter.name, missing }],
      };
    }
    case 'next-matter':
      if (state.step !== 'accepted' && state.step !== 'notice') return stay(state);
      return stay({ step: 'choose', applicant: state.applicant, taken });
    case 'back':
      if (state.step === 'checklist' || state.step === 'printer-problem') {
        return stay({ step: 'choose', applicant: state.applicant, taken });
      }
      return stay(state);
  }
}

function receive(applicant: Applicant, matter: Matter, print: boolean, taken: TakenCase[], ctx: IntakeContext): Out {
  const requestId = ctx.newId();
  return {
    state: { step: 'receiving', applicant, matter, requestId, print, taken },
    effects: [{ type: 'receive-case', requestId, applicant, matter }],
  };
}
