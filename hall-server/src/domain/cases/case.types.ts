import type { CaseStageId, MaterialStatus } from '@onedoor/protocol';
import type { CaseKind, MaterialNeed, TakeWay } from '../catalog/catalog.types.js';

export type { MaterialStatus };

/**
 * 办件 (cases). Stages map to the platform's link codes (domain.md §3.2: 1 收件, 2 受理, 3 审核, 4 办结, 11 补齐补正,
 * 12 挂起, 99 其他); 不予受理 is the negative outcome of the 受理 link, 出件/送达 and 撤回 travel as 99.
 */
export const CASE_STAGES = {
  received: { code: 1, label: '已收件' },
  accepted: { code: 2, label: '已受理' },
  not_accepted: { code: 2, label: '不予受理' },
  reviewing: { code: 3, label: '审核中' },
  correction: { code: 11, label: '补齐补正' },
  suspended: { code: 12, label: '挂起' },
  concluded: { code: 4, label: '已办结' },
  delivered: { code: 99, label: '已出件' },
  withdrawn: { code: 99, label: '已撤回' },
} as const satisfies Record<CaseStageId, { code: number; label: string }>;
export type CaseStage = keyof typeof CASE_STAGES;

/** Stages that end the case (no further action but, for concluded, the hand-over). */
export const FINAL_STAGES: readonly CaseStage[] = ['not_accepted', 'delivered', 'withdrawn'];
/** Stages in which the clock is stopped (补齐补正 / 挂起). */
export const PAUSE_STAGES: readonly CaseStage[] = ['correction', 'suspended'];

/** Notice documents (B-codes, domain.md §3.2). Printing is done elsewhere; we keep the content as data. */
export const NOTICE_TITLES = {
  B4: '不予受理通知书',
  B5: '特殊程序告知书',
  B6: '容缺受理信用承诺书',
  B8: '受理回执（受理承诺单）',
  B9: '确认补齐通知书',
  B13: '办结通知书',
  B14: '不予许可通知书',
  B15: '退件通知书',
  B16: '收件通知书',
  B17: '业务审批单',
  B18: '补齐补正通知书',
  B19: '送达回执',
  B20: '受理材料接收凭证',
} as const;
export type NoticeCode = keyof typeof NOTICE_TITLES;

export interface Notice {
  code: NoticeCode;
  title: string;
  /** Structured content: what a printed notice shows (case number, matter, materials, dates, reasons …). */
  content: Record<string, unknown>;
}

export type CaseResult = 'approved' | 'refused' | 'partial';
export const RESULT_TEXT: Record<CaseResult, string> = {
  approved: '准予许可（办结）',
  refused: '不予许可',
  partial: '部分准予',
};

export interface CaseMaterial {
  materialId: string;
  name: string;
  need: MaterialNeed;
  originalCount: number;
  copyCount: number;
  electronicAccepted: boolean;
  certLookup: string | null;
  usedBy: string[];
  status: MaterialStatus;
  /** 容缺: supply by this hall-local date (inclusive). */
  dueDate: string | null;
  /** ISO time the material was received (at intake or supplied later). */
  receivedAt: string | null;
  note: string | null;
}

export interface CasePause {
  kind: 'correction' | 'suspended';
  /** ISO */
  from: string;
  to: string | null;
  reason: string;
}

export interface Delivery {
  way: TakeWay;
  /** ISO */
  at: string;
  staffId: string;
  /** window: who received it (name masked) and whether a proxy; express: company + waybill; locker: locker + code. */
  receiverNameMasked?: string;
  proxy?: boolean;
  proxyIdMasked?: string;
  expressCompany?: string;
  waybillNo?: string;
  lockerNo?: string;
  pickupCode?: string;
}

export type CaseType = 'single' | 'bundle' | 'member';

/** A case's state (the persisted row); personal data is only held masked here (sealed copy lives in the repository). */
export interface CaseState {
  id: string;
  caseNo: string;
  type: CaseType;
  parentId: string | null;
  /** For single/member cases the matter and the catalog version the case was received under. */
  matterId: string | null;
  matterVersion: number | null;
  bundleId: string | null;
  bundleVersion: number | null;
  name: string;
  caseKind: CaseKind;
  /** The department that handles it (a bundle: the lead department). */
  deptId: string;
  stage: CaseStage;
  /** Where a correction/suspension returns to. */
  resumeStage: CaseStage | null;
  /** Current review node (审核, 复核, 审批 …) while reviewing. */
  node: string | null;
  result: CaseResult | null;
  legalLimitDays: number;
  promisedLimitDays: number;
  tolerance: boolean;
  receivedAt: string;
  acceptedAt: string | null;
  concludedAt: string | null;
  deliveredAt: string | null;
  pauses: CasePause[];
  applicantNameMasked: string;
  applicantIdMasked: string;
  /** 申请人类型 */
  applicantKind: 'person' | 'legal';
  /** A legal person's name (not personal data). */
  orgName: string | null;
  takeWay: TakeWay;
  channel: 'window' | 'online' | 'express' | 'platform';
  /** Ticket (排队号) the case was taken under, if any. */
  ticketId: string | null;
  delivery: Delivery | null;
  /** Answers to 办理情形 and the merged form (一表申请). */
  answers: Record<string, string | string[]>;
  form: Record<string, unknown>;
  /** Platform reference once synced (results can arrive from the platform). */
  platformRef: string | null;
}

export interface Actor {
  staffId: string;
  staffName: string;
  /** The department acting (an approver's department; the hall for window staff). */
  deptId: string;
  source: 'window' | 'backoffice' | 'platform' | 'system';
}

export interface CaseStep {
  caseId: string;
  /** 1-based, per case; (case_id, step_no) is unique */
  stepNo: number;
  action: CaseAction['type'] | 'receive';
  fromStage: CaseStage | null;
  stage: CaseStage;
  linkCode: number;
  node: string | null;
  at: string;
  deptId: string;
  staffId: string;
  staffName: string;
  source: Actor['source'];
  opinion: string | null;
  notices: Notice[];
}

/** `dueDate`: the day the applicant promised to bring a 容缺 material (the receipt prints it); else the hall's period. */
export type MaterialIntake = { materialId: string; status: MaterialStatus; note?: string; dueDate?: string };

export type CaseAction =
  | { type: 'accept'; opinion?: string }
  | { type: 'reject'; reason: string }
  | { type: 'request-correction'; opinion: string; materialIds: string[] }
  | { type: 'supply'; materialIds: string[]; opinion?: string }
  | { type: 'route'; node?: string; opinion?: string }
  | { type: 'review'; node: string; opinion: string }
  | { type: 'approve'; opinion: string; resultNo?: string }
  | { type: 'refuse'; opinion: string }
  | { type: 'suspend'; reason: string }
  | { type: 'resume'; opinion?: string }
  | { type: 'withdraw'; reason: string }
  | { type: 'deliver'; delivery: Omit<Delivery, 'at' | 'staffId'> }
  | { type: 'conclude-bundle'; result: CaseResult };
