import { Button, Card, Result } from 'antd';
import type { WindowDeviceApi } from '../../shared/window-api';
import { bundleQuestions, toPretrialMatter } from './intake-checklist';
import { MaterialChecklist } from './MaterialChecklist';
import { MatterSearch } from './MatterSearch';
import { PretrialOffers } from './PretrialOffers';
import { PrintedPreview } from './PrintedPreview';
import { PrinterProblem } from './PrinterProblem';
import { SituationQuestions } from './SituationQuestions';
import { maskedApplicant } from './receipt-text';
import { useIntake, type IntakeDeps } from './use-intake';
import { VirtualCardPanel } from './VirtualCardPanel';
import { TicketCases } from './TicketCases';
import { VisitCases } from './VisitCases';

/** 一窗受理 for the called visitor: each step of `intake-flow` rendered by its own small component. */
export function IntakePanel({
  origin,
  token,
  ticketId,
  windowId,
  paper,
  serviceMatters,
  devices,
  onClose,
}: {
  origin: string;
  token: string;
  ticketId: string;
  windowId: string;
  /** The hall's name and zone and this window's name, printed on the paper. */
  paper: IntakeDeps['paper'];
  /** The matters the ticket's service lists (offered first). */
  serviceMatters: readonly string[];
  devices: WindowDeviceApi;
  onClose: () => void;
}) {
  const { state, dispatch, catalog, loadError, printed, earlier, reprintEarlier } = useIntake({
    origin,
    token,
    ticketId,
    windowId,
    devices,
    paper,
  });
  const takenNow = new Set(state.taken.map((c) => c.caseNo));
  const before = earlier.filter((c) => !takenNow.has(c.caseNo));
  const beforeShown = state.step === 'identify' || state.step === 'choose';
  const applicant = 'applicant' in state ? maskedApplicant(state.applicant) : null;
  return (
    <Card
      className="od-intake"
      data-testid="intake-panel"
      title={
        <span>
          一窗受理
          {applicant && (
            <span className="od-muted" data-testid="intake-applicant">
              {' '}
              · {applicant.name} {applicant.id}
            </span>
          )}
        </span>
      }
      extra={<Button onClick={onClose}>关闭</Button>}
    >
      {loadError && <div className="od-intake-error">{loadError}</div>}
      {beforeShown && <TicketCases cases={before} onReprint={(id) => void reprintEarlier(id)} />}
      {beforeShown && printed?.earlier && <PrintedPreview doc={printed} />}
      {state.step === 'identify' && (
        <VirtualCardPanel
          error={state.error}
          finding={state.finding}
          onPretrialCode={(code) => dispatch({ type: 'pretrial-code', code })}
          onCard={(name, idNumber) => dispatch({ type: 'card', name, idNumber })}
          onTyped={(name, idNumber) => dispatch({ type: 'typed', name, idNumber })}
        />
      )}
      {state.step === 'choose' && catalog && (
        <PretrialOffers
          lookup={state.pretrials}
          toMatter={(p) => toPretrialMatter(p, catalog.matters, catalog.materials)}
          onOpen={(code, matter) => dispatch({ type: 'open-pretrial', code, matter })}
        />
      )}
      {state.step === 'choose' && catalog && state.applicant.source !== 'pretrial' && (
        <MatterSearch
          matters={catalog.matters}
          bundles={catalog.bundles}
          serviceMatters={serviceMatters}
          onPick={(def) => dispatch({ type: 'pick', def, materials: catalog.materials })}
          onPickBundle={(b) =>
            dispatch({
              type: 'pick-bundle',
              bundle: { id: b.id, name: b.name, version: b.version, situations: bundleQuestions(b, catalog.matters) },
            })
          }
        />
      )}
      {state.step === 'choose' && state.applicant.source === 'pretrial' && (
        <div className="od-muted">凭预审号只能收取网上预审件；办理其他事项请刷身份证。</div>
      )}
      {state.step === 'situations' && (
        <SituationQuestions
          def={state.def}
          materials={state.materials}
          answers={state.answers}
          error={state.error}
          resolving={state.resolving}
          dispatch={dispatch}
        />
      )}
      {state.step === 'checklist' && (
        <MaterialChecklist matter={state.matter} error={state.error} dispatch={dispatch} />
      )}
      {(state.step === 'checking-printer' || state.step === 'receiving') && <div>正在收件…</div>}
      {state.step === 'printer-problem' && <PrinterProblem problem={state.problem} dispatch={dispatch} />}
      {state.step === 'accepted' && (
        <Result
          status="success"
          title={
            <span>
              已受理，办件编号 <b data-testid="case-no">{state.last.caseNo}</b>
            </span>
          }
          extra={
            <Button onClick={() => dispatch({ type: 'next-matter' })} data-testid="next-matter">
              办理下一事项
            </Button>
          }
        />
      )}
      {state.step === 'accepted' && state.printProblem && (
        <div className="od-intake-error" role="alert" data-testid="receipt-problem">
          回执未打印：{state.printProblem}。装纸后可在下方「打印回执」补打。
        </div>
      )}
      {state.step === 'accepted' && (
        <VisitCases taken={state.taken} onReprint={(caseNo) => dispatch({ type: 'reprint', caseNo })} />
      )}
      {state.step === 'notice' && (
        <Result
          status="info"
          title="已出具一次性告知书"
          extra={<Button onClick={() => dispatch({ type: 'next-matter' })}>办理其他事项</Button>}
        />
      )}
      {printed && (state.step === 'accepted' || state.step === 'notice') && <PrintedPreview doc={printed} />}
    </Card>
  );
}
