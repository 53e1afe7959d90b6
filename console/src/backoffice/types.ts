/**
 * The shapes the back office reads from the hall server's case REST API (/api/cases/…). Web apps import only
 * protocol/, so these mirror hall-server/src/app/case.service.ts (CaseSummary, CaseDetail) as far as the view needs.
 */
export type Level = 'normal' | 'yellow' | 'red' | 'paused';
export type Stage =
  | 'received'
  | 'accepted'
  | 'not_accepted'
  | 'reviewing'
  | 'correction'
  | 'suspended'
  | 'concluded'
  | 'delivered'
  | 'withdrawn';

export interface Timing {
  elapsedDays: number;
  remainingDays: number;
  dueAt: string | null;
  legalDueAt: string | null;
  overdue: boolean;
  level: Level;
  paused: boolean;
  promisedLimitDays: number;
  legalLimitDays: number;
  speedUp: { savedDays: number; rate: number } | null;
}

export interface CaseSummary {
  id: string;
  caseNo: string;
  type: 'single' | 'bundle' | 'member';
  parentId: string | null;
  name: string;
  matterId: string | null;
  matterVersion: number | null;
  caseKind: string;
  deptId: string;
  deptName: string;
  stage: Stage;
  stageLabel: string;
  node: string | null;
  result: string | null;
  applicant: string;
  applicantIdMasked: string;
  receivedAt: string;
  acceptedAt: string | null;
  concludedAt: string | null;
  takeWay: 'window' | 'express' | 'locker';
  tolerance: boolean;
  lateMaterials: { materialId: string; name: string; dueDate: string | null }[];
  timing: Timing | null;
  level: Level | null;
}

export interface CaseMaterial {
  materialId: string;
  name: string;
  need: 'required' | 'tolerance' | 'optional';
  originalCount: number;
  copyCount: number;
  certLookup: string | null;
  status: 'received' | 'tolerated' | 'missing' | 'cert-lookup' | 'not-needed';
  dueDate: string | null;
  receivedAt: string | null;
}

export interface Notice {
  code: string;
  title: string;
  content: Record<string, unknown>;
}

export interface CaseStep {
  stepNo: number;
  action: string;
  stage: Stage;
  linkCode: number;
  node: string | null;
  at: string;
  deptId: string;
  staffName: string;
  source: string;
  opinion: string | null;
  notices: Notice[];
}

export interface CaseDetail extends CaseSummary {
  materials: CaseMaterial[];
  steps: CaseStep[];
  form: Record<string, unknown>;
  pauses: { kind: string; from: string; to: string | null; reason: string }[];
}

export interface Me {
  staff: { id: string; username: string; name: string; roles: string[] };
  department: { id: string; name: string } | null;
}

export interface ApiError {
  code: string;
  message: string;
  messageEn: string;
}
