import {
  appError,
  type ApplicantInput,
  type CaseDetail,
  type PretrialIntakeInput,
  type PretrialQuery,
  type PretrialView,
  type ReceiveCaseInput,
} from '@onedoor/protocol';
import type { Matter } from '../../domain/catalog/catalog.types.js';
import { type Result, failure, success } from '../../domain/result.js';
import type { CaseStaff, Cases } from '../cases/cases.js';
import type { CatalogService } from '../catalog/catalog.js';
import type { Logger, PersonalDataVault } from '../ports.js';
import type { Inbound } from './inbound.js';
import type { PlatformConnector, PretrialRecord, PretrialStore } from './platform-ports.js';

export interface PretrialDeps {
  store: PretrialStore;
  catalog: CatalogService;
  cases: Cases;
  vault: PersonalDataVault;
  connector: PlatformConnector;
  inbound: Inbound;
  log: Logger;
}

/** What the platform checked: arrives received at intake, the clerk only checks the original. */
export const CHECKED_ONLINE_NOTE = '网上预审已核验';
const CHECKED_AT_WINDOW_NOTE = '网上预审已核验，原件已核对';

/**
 * Applications pre-reviewed online (预审) at the window: found by the 预审 code or the applicant's ID card — here
 * first, then on the platform (and kept here) — and taken in through the same case intake as any case, with the
 * applicant, the matter, the 办理情形 answers and the form from the application and the materials checked online
 * already received.
 */
export class Pretrials {
  constructor(private readonly deps: PretrialDeps) {}

  async find(query: PretrialQuery): Promise<Result<PretrialView[]>> {
    const local = this.lookUp(query);
    if (local.length > 0) return success(local.map((p) => this.view(p)));
    const fetched = await this.deps.connector.fetchPretrials(
      query.code ? { code: query.code } : { idNumber: query.idNumber! },
    );
    if (!fetched.ok)
      return failure(
        appError(
          'UNAVAILABLE',
          `本大厅没有该预审件，平台暂时无法查询（${fetched.failure.message}），请稍后再试或按普通件收件`,
          `no such pre-reviewed application here and the platform cannot be asked now: ${fetched.failure.message}`,
        ),
      );
    for (const p of fetched.value) {
      const stored = await this.deps.inbound.pretrial(p);
      if (!stored.ok) this.deps.log.warn({ code: p.code, error: stored.error.messageEn }, 'pre-review not stored');
    }
    return success(this.lookUp(query).map((p) => this.view(p)));
  }

  /** 收件 (and with `accept` 受理) of a pre-reviewed application. */
  async intake(code: string, input: PretrialIntakeInput, staff: CaseStaff): Promise<Result<CaseDetail>> {
    const { store, catalog, cases, vault } = this.deps;
    const p = store.byCode(code.trim());
    if (!p) return failure(appError('NOT_FOUND', `没有预审号为 ${code} 的申请`, `no pre-reviewed application ${code}`));
    if (p.status === 'received')
      return failure(
        appError(
          'CONFLICT',
          `预审件 ${p.code} 已收件，请勿重复收件`,
          `pre-reviewed application ${p.code} was taken in`,
        ),
      );
    if (p.status === 'withdrawn')
      return failure(appError('CONFLICT', `申请人已在网上撤回预审件 ${p.code}`, `the applicant withdrew ${p.code}`));
    const matter = this.matterOf(p);
    if (!matter)
      return failure(
        appError(
          'BAD_REQUEST',
          `本大厅事项目录中没有「${p.matterName}」（${p.matterCode}），请先导入平台目录`,
          `matter ${p.matterCode} is not in this hall's catalog`,
        ),
      );
    const sealed = store.sealed(p.platformId);
    if (!sealed)
      return failure(
        appError('CONFLICT', '该预审件的申请人信息已按保存期限清除，请按普通件收件', 'the applicant data was purged'),
      );
    const resolved = catalog.resolveMatter(matter.id, p.answers);
    if (!resolved.ok) return resolved;
    const needed = new Set(resolved.value.materials.map((m) => m.materialId));
    const unknown = input.materials.find((m) => !needed.has(m.materialId));
    if (unknown)
      return failure(
        appError(
          'BAD_REQUEST',
          `「${matter.name}」在该申请的情形下不需要材料 ${unknown.materialId}`,
          `material ${unknown.materialId} is not needed for this application`,
        ),
      );
    const atWindow = new Map(input.materials.map((m) => [m.materialId, m]));
    const online = new Map(p.materials.filter((m) => m.checkedOnline).map((m) => [m.materialId, m]));
    const materials: ReceiveCaseInput['materials'] = [];
    for (const id of needed) {
      const clerk = atWindow.get(id);
      const checked = online.has(id);
      if (clerk) {
        const note = clerk.note ?? (checked && clerk.status === 'received' ? CHECKED_AT_WINDOW_NOTE : undefined);
        materials.push({ materialId: id, status: clerk.status, ...(note ? { note } : {}) });
      } else if (checked) {
        materials.push({ materialId: id, status: 'received', note: CHECKED_ONLINE_NOTE });
      }
    }
    const receive: ReceiveCaseInput = {
      matterId: matter.id,
      answers: p.answers,
      form: p.form,
      applicant: vault.open<ApplicantInput>(sealed),
      materials,
      takeWay: input.takeWay ?? 'window',
      channel: 'online',
      ...(input.ticketId ? { ticketId: input.ticketId } : {}),
      // The case carries the application's platform id: its stages reach the platform under it, and the pre-review
      // is marked taken in the same transaction (see linkCase).
      platformRef: p.platformId,
      accept: input.accept,
    };
    return cases.receive(receive, staff);
  }

  /**
   * A case was written (inside its transaction): when it carries the platform id of a pre-review, that pre-review is
   * taken in by it. A second case for the same pre-review undoes its own command.
   */
  linkCase(caseId: string, platformRef: string | null): void {
    if (!platformRef) return;
    const p = this.deps.store.byPlatformId(platformRef);
    if (!p) return;
    if (!this.deps.store.markReceived(p.platformId, caseId))
      throw new Error(`pre-reviewed application ${p.code} was taken in already`);
  }

  view(p: PretrialRecord): PretrialView {
    const matter = this.matterOf(p);
    const resolved = matter ? this.deps.catalog.resolveMatter(matter.id, p.answers) : null;
    const known = new Set(resolved?.ok ? resolved.value.materials.map((m) => m.materialId) : []);
    return {
      code: p.code,
      platformId: p.platformId,
      version: p.version,
      matter: { id: matter?.id ?? null, name: matter?.name ?? p.matterName, implCode: p.matterCode },
      applicant: {
        kind: p.applicantKind,
        nameMasked: p.applicantNameMasked,
        idMasked: p.applicantIdMasked,
        orgName: p.orgName,
      },
      materials: p.materials.map((m) => ({
        materialId: m.materialId,
        name: m.name,
        checkedOnline: m.checkedOnline,
        known: known.has(m.materialId),
        note: m.note,
      })),
      answers: p.answers,
      submittedAt: p.submittedAt,
      reviewedAt: p.reviewedAt,
      status: p.status === 'received' ? 'received' : 'ready',
      caseId: p.caseId,
    };
  }

  private lookUp(query: PretrialQuery): PretrialRecord[] {
    const { store, vault } = this.deps;
    const found = query.code
      ? [store.byCode(query.code.trim())].filter((p) => p !== null)
      : store.byApplicant(vault.lookupKey(query.idNumber!));
    return found.filter((p) => p.status !== 'withdrawn');
  }

  private matterOf(p: PretrialRecord): Matter | null {
    return this.deps.catalog.matters().find((m) => m.implCode === p.matterCode) ?? null;
  }
}
