import {
  appError,
  maskIdNumber,
  maskName,
  type CaseDetail,
  type CaseSummary,
  type DeliverCaseInput,
  type ReadyCasesQuery,
} from '@onedoor/protocol';
import type { CaseAction } from '../../domain/cases/index.js';
import { type Result, failure } from '../../domain/result.js';
import { act } from './actions.js';
import type { CaseStaff, CasesDeps } from './case-work.js';
import { summary } from './queries.js';

/** 出件: results ready at the 出件 window for an applicant's ID number (keyed hash) or a case number. */
export function findReady(deps: CasesDeps, query: ReadyCasesQuery): CaseSummary[] {
  if (query.idNumber)
    return deps.cases.readyByApplicant(deps.vault.lookupKey(query.idNumber)).map((c) => summary(deps, c));
  if (query.caseNo) {
    let c = deps.cases.findByNo(query.caseNo.trim());
    if (c?.type === 'member' && c.parentId) c = deps.cases.find(c.parentId);
    return c && c.stage === 'concluded' ? [summary(deps, c)] : [];
  }
  return [];
}

/**
 * Hands a result over: at the window to the applicant (whose ID number must match) or to a registered proxy, by
 * express (waybill) or into a locker (pick-up code).
 */
export function deliver(
  deps: CasesDeps,
  caseId: string,
  input: DeliverCaseInput,
  staff: CaseStaff,
): Promise<Result<CaseDetail>> {
  let delivery: Extract<CaseAction, { type: 'deliver' }>['delivery'];
  if (input.way === 'window') {
    if (!input.receiver.proxy) {
      const key = deps.cases.applicantKey(caseId);
      if (key && key !== deps.vault.lookupKey(input.receiver.idNumber)) {
        return Promise.resolve(
          failure(
            appError(
              'FORBIDDEN',
              '身份证号与申请人不一致；如为代领，请登记代领人信息',
              'the ID number is not the applicant’s; register a proxy instead',
            ),
          ),
        );
      }
      const c = deps.cases.find(caseId);
      delivery = { way: 'window', proxy: false, receiverNameMasked: c?.applicantNameMasked ?? '' };
    } else {
      delivery = {
        way: 'window',
        proxy: true,
        receiverNameMasked: maskName(input.receiver.name),
        proxyIdMasked: maskIdNumber(input.receiver.idNumber),
      };
    }
  } else if (input.way === 'express')
    delivery = { way: 'express', expressCompany: input.company, waybillNo: input.waybillNo };
  else delivery = { way: 'locker', lockerNo: input.lockerNo, pickupCode: input.pickupCode };
  return act(deps, caseId, { type: 'deliver', delivery }, staff);
}
