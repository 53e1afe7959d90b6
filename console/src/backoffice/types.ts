/**
 * The shapes the back office reads from the hall server's case REST API: the protocol's DTOs (one definition for
 * server and clients), under the names the back-office screens use.
 */
export type {
  AppError as ApiError,
  BackOfficeMe as Me,
  CaseDetail,
  CaseLevel as Level,
  CaseMaterialView as CaseMaterial,
  CaseStageId as Stage,
  CaseStepView as CaseStep,
  CaseSummary,
  CaseTimingView as Timing,
} from '@onedoor/protocol';
