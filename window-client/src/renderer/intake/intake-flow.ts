/**
 * 一窗受理 for the called visitor as a pure state machine (the screen's components only render it):
 *
 *   identify ─ card / typed number ─▶ choose ─ matter ─▶ checklist ─ accept ─▶ checking-printer ─ ok ─▶ receiving
 *      │                                ▲  │  │             ▲    │ refuse              │ out of paper        │ ack ok
 *      └─ 预审号 ─ found ────────────────┘  │  └ situations ┘    ▼                     ▼                     ▼
 *                                       │  └ pre-review ─┘  notice      printer-problem ─ accept anyway ─▶ accepted
 *                                       └─ next matter ─────────────────────────────────────────────── (reprint)
 *
 * A matter with 办理情形 asks its questions first (`situations`); the checklist follows from the answers. A
 * pre-review opens as a checklist with the materials checked online already ticked. At `printer-problem` the clerk
 * retries once paper is in (`checking-printer` again), accepts without printing, or cancels back to the checklist. A
 * receipt the server refused because the matter's catalog version changed comes back as the new version's checklist
 * with the ticks that still apply (`catalog-changed`).
 *
 * Rules where they bite: a case is received only after the printer said it can print its receipt, or the clerk chose
 * to accept without printing (the receipt is owed and can be printed again later); a refusal lists every material not
 * at hand with its reason and routes nothing; a typed number is checked (GB 11643 check digit, or the old
 * 15-character foreigner card) before anything is sent; one visit may carry several matters, each its own case.
 * Entering `choose` looks up the applicant's applications pre-reviewed online (网上预审); one opened is a checklist
 * whose materials checked online arrive ticked, accepted through the pre-review's own intake (the server takes the
 * applicant, the answers and the form from the application). An applicant known only by a 预审号 can only be served
 * for their pre-reviews: any other matter needs the card.
 * Request ids come from `ctx.newId`: the same inputs give the same outputs.
 */
import {
  checkIdNumber,
  ID_PROBLEM_TEXT,
  normalizeIdNumber,
  type Material,
  type Matter as CatalogMatter,
  type PretrialView,
  type FormField,
  type RequiredMaterial,
  type Situation,
} from '@onedoor/protocol';
import {
  bundleChecklist,
  carryTicks,
  toIntakeMatter,
  unansweredQuestion,
  type Answers,
  type SituationsSource,
} from './intake-checklist';

export interface PersonApplicant {
  name: string;
  idNumber: string;
  source: 'card' | 'typed';
}

/** Known only by a 预审号: the application's masked name and number (the server opens the full ones at intake). */
export interface PretrialApplicant {
  source: 'pretrial';
  code: string;
  nameMasked: string;
  idMasked: string;
}

export type Applicant = PersonApplicant | PretrialApplicant;

/** 预审号: what the server's query schema takes (checked here so a typo never leaves the window). */
const PRETRIAL_CODE = /^[A-Za-z0-9-]{4,40}$/;

/** `missing`: not brought; `rejected`: brought but not acceptable (expired, unsigned, not matching the standard). */
export type MaterialMark = 'pending' | 'received' | 'tolerated' | 'cert-lookup' | 'missing' | 'rejected';

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
  /** 网上预审已核验: ticked from the start, the clerk only checks the original. */
  checkedOnline?: boolean;
}

export interface Matter {
  matterId: string;
  name: string;
  /** The catalog version the checklist was built from (sent with the receipt: the server refuses an outdated one). */
  version?: number;
  items: ChecklistItem[];
  /** 办理情形 answers sent with the case (situation id → option value or values). */
  answers?: Record<string, string | string[]>;
  /** The same answers as the clerk reads them. */
  situations?: { question: string; answer: string }[];
  /** Opened from an application pre-reviewed online: taken in through its own intake. */
  pretrial?: { code: string };
  /** A 一件事: `matterId` is the bundle's id, received as one case with a case per member matter. */
  bundle?: true;
  /** 一表申请: the one merged form of a 一件事 (each field asked once for every member), and what was typed. */
  form?: { fields: readonly FormField[]; values: Record<string, string> };
}

/** The applicant's applications pre-reviewed online, as looked up when the matter is chosen. */
export type PretrialLookup =
  | { status: 'finding'; query: PretrialQuery }
  | { status: 'found'; items: PretrialView[] }
  | { status: 'failed'; message: string };

export type PretrialQuery = { code: string } | { idNumber: string };

/** A case taken in during this visit, with what its own 受理回执 prints (each case of a visit has one). */
export interface TakenCase {
  caseNo: string;
  matterName: string;
  receiptPrinted: boolean;
  applicant: Applicant;
  matter: Matter;
}

export type IntakeState =
  | { step: 'identify'; error: string | null; finding: string | null; taken: TakenCase[] }
  | { step: 'choose'; applicant: Applicant; pretrials: PretrialLookup; taken: TakenCase[] }
  | {
      step: 'situations';
      applicant: Applicant;
      def: SituationsSource;
      materials: readonly Material[];
      answers: Answers;
      error: string | null;
      /** A 一件事's questions and materials come from the hall: asked, not yet answered. */
      resolving: boolean;
      taken: TakenCase[];
    }
  | { step: 'checklist'; applicant: Applicant; matter: Matter; error: string | null; taken: TakenCase[] }
  | { step: 'checking-printer'; applicant: Applicant; matter: Matter; taken: TakenCase[] }
  | { step: 'printer-problem'; applicant: Applicant; matter: Matter; problem: string; taken: TakenCase[] }
  | { step: 'receiving'; applicant: Applicant; matter: Matter; requestId: string; print: boolean; taken: TakenCase[] }
  | {
      step: 'accepted';
      applicant: Applicant;
      last: TakenCase;
      taken: TakenCase[];
      /** Why the last receipt (or a reprint) did not come out; null when it did or none was tried. */
      printProblem: string | null;
    }
  | { step: 'notice'; applicant: Applicant; matter: Matter; taken: TakenCase[] };

export type IntakeEvent =
  | { type: 'card'; name: string; idNumber: string }
  | { type: 'card-failed'; message: string }
  /** The hall did not record the card read (not this window's visitor, offline): its data leaves the screen. */
  | { type: 'card-audit-refused'; idNumber: string; message: string }
  | { type: 'typed'; name: string; idNumber: string }
  | { type: 'pretrial-code'; code: string }
  /** The answer to a `find-pretrials` effect, with its query (an answer to an older question is dropped). */
  | { type: 'pretrials-found'; query: PretrialQuery; items: PretrialView[] }
  | { type: 'pretrials-failed'; query: PretrialQuery; message: string }
  /** A matter of the catalog picked: its 办理情形 are asked first, if it has any. */
  | { type: 'pick'; def: CatalogMatter; materials: readonly Material[] }
  /**
   * A 一件事 picked: its own 办理情形 are asked first; the hall resolves the answers into the members taken in, their
   * questions (asked next, if any are open) and the one merged material list.
   */
  | { type: 'pick-bundle'; bundle: { id: string; name: string; version: number; situations: readonly Situation[] } }
  | {
      type: 'bundle-resolved';
      bundleId: string;
      answers: Answers;
      questions: readonly Situation[];
      materials: readonly RequiredMaterial[];
      form: readonly FormField[];
    }
  | { type: 'bundle-failed'; bundleId: string; message: string }
  | { type: 'answer'; situationId: string; value: string | string[] }
  | { type: 'answered' }
  | { type: 'open-pretrial'; code: string; matter: Matter }
  | { type: 'mark'; materialId: string; mark: MaterialMark; dueDate?: string; reason?: string }
  /** A field of the 一表申请 typed in. */
  | { type: 'form'; key: string; value: string }
  | { type: 'accept' }
  | { type: 'printer-status'; ok: boolean; problem?: string }
  | { type: 'accept-without-print' }
  /** Paper loaded (or cover closed): ask the printer again. */
  | { type: 'retry-printer' }
  /** The clerk gives up accepting for now: back to the checklist, nothing received. */
  | { type: 'cancel-accept' }
  | { type: 'received'; caseNo: string }
  | { type: 'receive-refused'; message: string }
  /**
   * The server refused the receipt because the matter's catalog version changed while the clerk ticked (its message
   * says what changed): the checklist is rebuilt from the version in force, keeping the ticks that still apply.
   */
  | { type: 'catalog-changed'; message: string; def: CatalogMatter; materials: readonly Material[] }
  | { type: 'receipt-printed'; caseNo: string; ok: boolean; problem?: string }
  | { type: 'reprint'; caseNo: string }
  | { type: 'refuse' }
  | { type: 'next-matter' }
  | { type: 'back' };

export type IntakeEffect =
  | { type: 'find-pretrials'; query: PretrialQuery }
  | { type: 'resolve-bundle'; bundleId: string; answers: Answers }
  | { type: 'check-printer' }
  | { type: 'receive-case'; requestId: string; applicant: PersonApplicant; matter: Matter }
  | { type: 'receive-pretrial'; requestId: string; code: string; matter: Matter }
  | { type: 'print-receipt'; caseNo: string; applicant: Applicant; matter: Matter }
  | { type: 'print-notice'; applicant: Applicant; matterName: string; missing: { name: string; reason: string }[] };

export interface IntakeContext {
  newId(): string;
}

export const initialIntake = (): IntakeState => ({ step: 'identify', error: null, finding: null, taken: [] });

type Out = { state: IntakeState; effects: IntakeEffect[] };
const stay = (state: IntakeState): Out => ({ state, effects: [] });

const queryOf = (a: Applicant): PretrialQuery =>
  a.source === 'pretrial' ? { code: a.code } : { idNumber: a.idNumber };

/** The matter list, with the applicant's pre-reviews looked up afresh (one taken in meanwhile shows as such). */
const choose = (applicant: Applicant, taken: TakenCase[]): Out => ({
  state: { step: 'choose', applicant, pretrials: { status: 'finding', query: queryOf(applicant) }, taken },
  effects: [{ type: 'find-pretrials', query: queryOf(applicant) }],
});

/** Materials that are not at hand: what blocks an acceptance and what a notice lists. */
export function missingItems(matter: Matter): ChecklistItem[] {
  return matter.items.filter((i) => i.mark === 'pending' || i.mark === 'missing' || i.mark === 'rejected');
}

/** What the 一次性告知书 says of each material not at hand: the clerk's reason, or what the mark means. */
function noticeReason(i: ChecklistItem): string {
  const reason = i.reason?.trim();
  if (reason) return reason;
  return i.mark === 'rejected' ? '不符合受理标准' : '未提供';
}

/** Why the checklist cannot be accepted yet, or null. */
export function acceptBlocker(matter: Matter): string | null {
  const missing = missingItems(matter);
  if (missing.length > 0) return `还有 ${missing.length} 项材料未收齐：${missing.map((m) => m.name).join('、')}`;
  const noDate = matter.items.find((i) => i.mark === 'tolerated' && !i.dueDate);
  if (noDate) return `容缺材料「${noDate.name}」需填写补交日期`;
  const blank = matter.form?.fields.find((f) => f.required && !matter.form?.values[f.key]?.trim());
  if (blank) return `请填写「${blank.label}」（一表申请）`;
  return null;
}

export function transition(state: IntakeState, event: IntakeEvent, ctx: IntakeContext): Out {
  const taken = state.taken;
  switch (event.type) {
    case 'card-failed':
      return state.step === 'identify' ? stay({ ...state, error: event.message }) : stay(state);
    case 'pretrial-code': {
      if (state.step !== 'identify') return stay(state);
      const code = event.code.trim().toUpperCase();
      if (!PRETRIAL_CODE.test(code))
        return stay({
          ...state,
          error: '预审号为4–40位字母、数字或连字符 / a pre-review code has 4–40 letters, digits or dashes',
        });
      return {
        state: { ...state, error: null, finding: code },
        effects: [{ type: 'find-pretrials', query: { code } }],
      };
    }
    case 'pretrials-found':
    case 'pretrials-failed':
      return pretrialsAnswered(state, event);
    case 'open-pretrial': {
      if (state.step !== 'choose' || state.pretrials.status !== 'found') return stay(state);
      const offer = state.pretrials.items.find((p) => p.code === event.code);
      if (!offer || offer.status !== 'ready') return stay(state);
      const matter: Matter = { ...event.matter, pretrial: { code: offer.code } };
      return stay({ step: 'checklist', applicant: state.applicant, matter, error: null, taken });
    }
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
      return choose(applicant, taken);
    }
    case 'pick': {
      // Someone known only by a 预审号 has shown no card: only their pre-reviews can be taken in.
      if (state.step !== 'choose' || state.applicant.source === 'pretrial') return stay(state);
      const { def, materials } = event;
      if (def.situations.length > 0)
        return stay({
          step: 'situations',
          applicant: state.applicant,
          def,
          materials,
          answers: {},
          error: null,
          resolving: false,
          taken,
        });
      const matter = toIntakeMatter(def, materials);
      return stay({ step: 'checklist', applicant: state.applicant, matter, error: null, taken });
    }
    case 'pick-bundle': {
      if (state.step !== 'choose' || state.applicant.source === 'pretrial') return stay(state);
      const { situations, ...bundle } = event.bundle;
      const def: SituationsSource = { ...bundle, situations: [...situations], materials: [], bundle: true };
      const asking: IntakeState = {
        step: 'situations',
        applicant: state.applicant,
        def,
        materials: [],
        answers: {},
        error: null,
        resolving: situations.length === 0,
        taken,
      };
      return situations.length > 0
        ? stay(asking)
        : { state: asking, effects: [{ type: 'resolve-bundle', bundleId: def.id, answers: {} }] };
    }
    case 'bundle-resolved': {
      // Only the answer to what is on screen now: a late one for a bundle left or for other answers is dropped.
      if (state.step !== 'situations' || !state.def.bundle || state.def.id !== event.bundleId) return stay(state);
      if (!sameAnswers(event.answers, state.answers)) return stay(state);
      const def: SituationsSource = { ...state.def, situations: [...event.questions] };
      if (unansweredQuestion(def.situations, state.answers))
        return stay({ ...state, def, resolving: false, error: null });
      const matter = {
        ...bundleChecklist(def, event.materials, state.answers),
        form: { fields: event.form, values: {} },
      };
      return stay({ step: 'checklist', applicant: state.applicant, matter, error: null, taken });
    }
    case 'bundle-failed': {
      if (state.step !== 'situations' || state.def.id !== event.bundleId) return stay(state);
      return stay({ ...state, resolving: false, error: event.message });
    }
    case 'answer': {
      if (state.step !== 'situations') return stay(state);
      return stay({ ...state, answers: { ...state.answers, [event.situationId]: event.value }, error: null });
    }
    case 'answered': {
      if (state.step !== 'situations') return stay(state);
      if (state.resolving) return stay(state);
      const open = unansweredQuestion(state.def.situations, state.answers);
      if (open) return stay({ ...state, error: `请回答办理情形：「${open.question}」` });
      // A 一件事's merged list is the hall's: a member may join or leave with the answers.
      if (state.def.bundle)
        return {
          state: { ...state, resolving: true, error: null },
          effects: [{ type: 'resolve-bundle', bundleId: state.def.id, answers: state.answers }],
        };
      // The checklist follows from the answers: materials of other situations are not asked for.
      const matter = toIntakeMatter(state.def, state.materials, state.answers);
      return stay({ step: 'checklist', applicant: state.applicant, matter, error: null, taken });
    }
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
    case 'form': {
      if (state.step !== 'checklist' || !state.matter.form) return stay(state);
      const form = { ...state.matter.form, values: { ...state.matter.form.values, [event.key]: event.value } };
      return stay({ ...state, matter: { ...state.matter, form }, error: null });
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
    case 'retry-printer':
      if (state.step !== 'printer-problem') return stay(state);
      return {
        state: { step: 'checking-printer', applicant: state.applicant, matter: state.matter, taken },
        effects: [{ type: 'check-printer' }],
      };
    case 'cancel-accept':
      // Nothing went to the server yet: the checklist is as the clerk left it.
      if (state.step !== 'printer-problem') return stay(state);
      return stay({ step: 'checklist', applicant: state.applicant, matter: state.matter, error: null, taken });
    case 'received': {
      if (state.step !== 'receiving') return stay(state);
      const { applicant, matter } = state;
      const last: TakenCase = {
        caseNo: event.caseNo,
        matterName: matter.name,
        receiptPrinted: false,
        applicant,
        matter,
      };
      const next: IntakeState = { step: 'accepted', applicant, last, taken: [...taken, last], printProblem: null };
      return { state: next, effects: state.print ? [printReceipt(last)] : [] };
    }
    case 'receive-refused':
      // Nothing was taken in (a matter no longer in force, a list changed meanwhile): back to the checklist.
      if (state.step !== 'receiving') return stay(state);
      return stay({ step: 'checklist', applicant: state.applicant, matter: state.matter, error: event.message, taken });
    case 'catalog-changed': {
      if (state.step !== 'receiving' || event.def.id !== state.matter.matterId) return stay(state);
      const answers = state.matter.answers ?? {};
      // The questions changed too: asked again, with the answers that still fit.
      if (unansweredQuestion(event.def.situations, answers))
        return stay({
          step: 'situations',
          applicant: state.applicant,
          def: event.def,
          materials: event.materials,
          answers,
          error: event.message,
          resolving: false,
          taken,
        });
      const matter = carryTicks(toIntakeMatter(event.def, event.materials, answers), state.matter);
      return stay({ step: 'checklist', applicant: state.applicant, matter, error: event.message, taken });
    }
    case 'receipt-printed': {
      // A receipt printed once stays printed (a failed reprint of it owes nothing new).
      const mark = (c: TakenCase) =>
        c.caseNo === event.caseNo ? { ...c, receiptPrinted: c.receiptPrinted || event.ok } : c;
      if (state.step === 'accepted') {
        const printProblem = event.ok ? null : (event.problem ?? '回执未打印 / the receipt did not print');
        return stay({ ...state, last: mark(state.last), taken: taken.map(mark), printProblem });
      }
      return stay({ ...state, taken: taken.map(mark) });
    }
    case 'reprint': {
      // Each case prints its own receipt: its matter and materials, not those of the visit's last case.
      const c = taken.find((t) => t.caseNo === event.caseNo);
      return c ? { state, effects: [printReceipt(c)] } : stay(state);
    }
    case 'refuse': {
      if (state.step !== 'checklist') return stay(state);
      const notAtHand = missingItems(state.matter);
      if (notAtHand.length === 0) return stay({ ...state, error: '材料已齐全，无需出具一次性告知书' });
      // 一次性告知: the visitor must learn exactly what to fix, so a material refused as it is needs its reason.
      const unexplained = notAtHand.find((i) => i.mark === 'rejected' && !i.reason?.trim());
      if (unexplained)
        return stay({ ...state, error: `请填写材料「${unexplained.name}」不符合要求的原因，以便一次告知` });
      const missing = notAtHand.map((m) => ({ name: m.name, reason: noticeReason(m) }));
      return {
        state: { step: 'notice', applicant: state.applicant, matter: state.matter, taken },
        effects: [{ type: 'print-notice', applicant: state.applicant, matterName: state.matter.name, missing }],
      };
    }
    case 'next-matter':
      if (state.step !== 'accepted' && state.step !== 'notice') return stay(state);
      return choose(state.applicant, taken);
    case 'back':
      if (state.step === 'checklist' || state.step === 'printer-problem' || state.step === 'situations')
        return choose(state.applicant, taken);
      return stay(state);
    case 'card-audit-refused': {
      // Only while that card's holder is still the applicant on screen and nothing was taken in for them.
      if (state.step !== 'choose' && state.step !== 'situations' && state.step !== 'checklist') return stay(state);
      const a = state.applicant;
      if (a.source !== 'card' || a.idNumber !== normalizeIdNumber(event.idNumber)) return stay(state);
      return stay({ step: 'identify', error: event.message, finding: null, taken });
    }
  }
}

/**
 * The number to report to the hall's audit when `event` took a card read onto the screen (full name and number
 * shown), or null: a typed number or a refused read shows nothing the window did not already have.
 */
export function cardReadShown(before: IntakeState, event: IntakeEvent, after: IntakeState): string | null {
  if (event.type !== 'card' || before.step !== 'identify' || after.step !== 'choose') return null;
  return after.applicant.source === 'card' ? after.applicant.idNumber : null;
}

const printReceipt = (c: TakenCase): IntakeEffect => ({
  type: 'print-receipt',
  caseNo: c.caseNo,
  applicant: c.applicant,
  matter: c.matter,
});

function receive(applicant: Applicant, matter: Matter, print: boolean, taken: TakenCase[], ctx: IntakeContext): Out {
  const requestId = ctx.newId();
  const state: IntakeState = { step: 'receiving', applicant, matter, requestId, print, taken };
  if (matter.pretrial)
    return { state, effects: [{ type: 'receive-pretrial', requestId, code: matter.pretrial.code, matter }] };
  // Unreachable through `choose`; kept so that no case goes out without an applicant who showed a card.
  if (applicant.source === 'pretrial')
    return stay({ step: 'checklist', applicant, matter, error: '请先刷身份证 / read the ID card first', taken });
  return { state, effects: [{ type: 'receive-case', requestId, applicant, matter }] };
}

const sameAnswers = (a: Answers, b: Answers) => JSON.stringify(a) === JSON.stringify(b);

const sameQuery = (a: PretrialQuery, b: PretrialQuery) =>
  'code' in a ? 'code' in b && a.code === b.code : 'idNumber' in b && a.idNumber === b.idNumber;

/**
 * A pre-review lookup came back: a 预审号 typed at `identify` opens the list under the application's (masked)
 * applicant, or says nothing was found; on `choose` the list is shown. An answer to another question (a code
 * looked up before the card was swiped, a step left meanwhile) is dropped: no one is offered someone else's
 * application.
 */
function pretrialsAnswered(
  state: IntakeState,
  event: Extract<IntakeEvent, { type: 'pretrials-found' | 'pretrials-failed' }>,
): Out {
  const code = 'code' in event.query ? event.query.code : null;
  if (state.step === 'identify' && state.finding !== null && state.finding === code) {
    if (event.type === 'pretrials-failed') return stay({ ...state, finding: null, error: event.message });
    const first = event.items[0];
    if (!first) return stay({ ...state, finding: null, error: `没有找到预审号为 ${code} 的网上预审申请` });
    const applicant: Applicant = {
      source: 'pretrial',
      code,
      nameMasked: first.applicant.orgName ?? first.applicant.nameMasked,
      idMasked: first.applicant.idMasked,
    };
    return stay({
      step: 'choose',
      applicant,
      pretrials: { status: 'found', items: event.items },
      taken: state.taken,
    });
  }
  if (state.step !== 'choose' || state.pretrials.status !== 'finding' || !sameQuery(state.pretrials.query, event.query))
    return stay(state);
  const pretrials: PretrialLookup =
    event.type === 'pretrials-found'
      ? { status: 'found', items: event.items }
      : { status: 'failed', message: event.message };
  return stay({ ...state, pretrials });
}
