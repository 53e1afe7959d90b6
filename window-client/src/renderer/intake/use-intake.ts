/**
 * Runs the intake state machine for one called visitor: loads the catalog, looks up pre-reviewed applications
 * (`POST /api/platform/pretrials/find`), sends `POST /api/cases` for a receive-case effect and
 * `POST /api/platform/pretrials/:code/intake` for a pre-review, and prints on the window's printer — or, in the browser, on a virtual printer whose output
 * the screen shows (`printed`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  createRestClient,
  type AppError,
  type CaseSummary,
  type Material,
  type MaterialStatus,
  type Matter as CatalogMatter,
} from '@onedoor/protocol';
import type { WindowDeviceApi } from '../../shared/window-api';
import {
  type ChecklistItem,
  initialIntake,
  type MaterialMark,
  transition,
  type IntakeEffect,
  type IntakeEvent,
  type IntakeState,
} from './intake-flow';
import { situationLabels } from './intake-checklist';
import { caseReceiptLines, noticeLines, receiptLines } from './receipt-text';

export interface IntakeDeps {
  origin: string;
  token: string;
  ticketId: string;
  devices: WindowDeviceApi;
}

export interface PrintedDocument {
  kind: 'receipt' | 'notice';
  lines: string[];
  /** Printed on the window's printer, or only on the screen's virtual printer. */
  onPaper: boolean;
  /** Why it did not print (the screen still shows the text); absent when it printed. */
  failure?: string;
  /** The case a 受理回执 is for. */
  caseNo?: string;
  /** Printed again for a case taken in before this panel opened (the ticket's cases). */
  earlier?: boolean;
}

export function useIntake({ origin, token, ticketId, devices }: IntakeDeps) {
  const [state, setState] = useState<IntakeState>(initialIntake);
  const [catalog, setCatalog] = useState<{ matters: CatalogMatter[]; materials: Material[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<PrintedDocument | null>(null);
  // The ticket's cases taken in before this panel opened: their receipts can be printed again from here.
  const [earlier, setEarlier] = useState<CaseSummary[]>([]);
  const stateRef = useRef(state);
  const seq = useRef(0);
  const rest = useRef(createRestClient({ origin, token: () => token }));

  const loadCatalog = useCallback(async () => {
    const [matters, materials] = await Promise.all([
      rest.current.call('GET /api/catalog/matters', { query: {} }),
      rest.current.call('GET /api/catalog/materials', {}),
    ]);
    if (!matters.ok) return setLoadError(matters.error.message);
    if (!materials.ok) return setLoadError(materials.error.message);
    setCatalog({ matters: matters.data.filter((m) => m.enabled), materials: materials.data });
  }, []);
  useEffect(() => void loadCatalog(), [loadCatalog]);
  useEffect(() => {
    void rest.current.call('GET /api/tickets/:id/cases', { params: { id: ticketId } }).then((answer) => {
      if (answer.ok) setEarlier(answer.data.filter((c) => c.type !== 'member'));
    });
  }, [ticketId]);

  /** The 受理回执 of an earlier case of this ticket, from the case as the hall keeps it. */
  const reprintEarlier = useCallback(
    async (caseId: string) => {
      const answer = await rest.current.call('GET /api/cases/:id', { params: { id: caseId } });
      if (!answer.ok) return setLoadError(answer.error.message);
      const c = answer.data;
      const def = catalog?.matters.find((m) => m.id === c.matterId);
      await printLines('receipt', caseReceiptLines(c, def ? situationLabels(def, c.answers) : []), c.caseNo, true);
    },
    [catalog],
  );

  const dispatch = useCallback(
    (event: IntakeEvent) => {
      const out = transition(stateRef.current, event, { newId: () => `${ticketId}-${++seq.current}` });
      stateRef.current = out.state;
      setState(out.state);
      for (const effect of out.effects) void perform(effect);
    },
    [ticketId],
  );

  // The window's real reader (Electron) feeds the same event as the browser's virtual card.
  useEffect(
    () => devices.onCard((card) => dispatch({ type: 'card', name: card.name, idNumber: card.idNumber })),
    [devices, dispatch],
  );

  async function perform(effect: IntakeEffect): Promise<void> {
    switch (effect.type) {
      case 'find-pretrials': {
        const answer = await rest.current.call('POST /api/platform/pretrials/find', { body: effect.query });
        return dispatch(
          answer.ok
            ? { type: 'pretrials-found', query: effect.query, items: answer.data }
            : { type: 'pretrials-failed', query: effect.query, message: answer.error.message },
        );
      }
      case 'receive-pretrial': {
        // Materials checked online and ticked as they came are left out: the server keeps them 网上预审已核验.
        const changed = effect.matter.items.filter((i) => !(i.checkedOnline && i.mark === 'received'));
        const answer = await rest.current.call('POST /api/platform/pretrials/:code/intake', {
          params: { code: effect.code },
          body: {
            materials: changed.map((i) => ({ materialId: i.materialId, ...caseMaterial(i) })),
            ticketId,
            accept: true,
            takeWay: 'window',
          },
        });
        if (!answer.ok) return dispatch({ type: 'receive-refused', message: answer.error.message });
        return dispatch({ type: 'received', caseNo: answer.data.caseNo });
      }
      case 'check-printer': {
        // Asked before anything is sent: no case is taken in whose receipt cannot come out (unless the clerk says so).
        const status = (await devices.printerStatus?.()) ?? { ready: true };
        return dispatch({
          type: 'printer-status',
          ok: status.ready,
          ...(status.reason ? { problem: status.reason } : {}),
        });
      }
      case 'receive-case': {
        const answer = await rest.current.call('POST /api/cases', {
          body: {
            matterId: effect.matter.matterId,
            ...(effect.matter.version !== undefined ? { matterVersion: effect.matter.version } : {}),
            applicant: { kind: 'person', name: effect.applicant.name, idNumber: effect.applicant.idNumber },
            materials: effect.matter.items.map((i) => ({ materialId: i.materialId, ...caseMaterial(i) })),
            ticketId,
            accept: true,
            answers: effect.matter.answers ?? {},
            form: {},
            takeWay: 'window',
            channel: 'window',
          },
        });
        if (!answer.ok) return refused(effect.matter.matterId, answer.error);
        return dispatch({ type: 'received', caseNo: answer.data.caseNo });
      }
      case 'print-receipt':
        return printLines('receipt', receiptLines(effect.caseNo, effect.applicant, effect.matter), effect.caseNo);
      case 'print-notice':
        return printLines('notice', noticeLines(effect.applicant, effect.matterName, effect.missing));
    }
  }

  /**
   * The server took nothing in. A matter whose material list changed meanwhile is read again and its checklist
   * rebuilt (the ticks that still apply kept); a matter withdrawn leaves the list the clerk chooses from.
   */
  async function refused(matterId: string, error: AppError): Promise<void> {
    if (error.code === 'CATALOG_CHANGED') {
      const [def, materials] = await Promise.all([
        rest.current.call('GET /api/catalog/matters/:id', { params: { id: matterId }, query: {} }),
        rest.current.call('GET /api/catalog/materials', {}),
      ]);
      if (def.ok && materials.ok)
        return dispatch({ type: 'catalog-changed', message: error.message, def: def.data, materials: materials.data });
    }
    if (error.code === 'MATTER_NOT_IN_FORCE') void loadCatalog();
    dispatch({ type: 'receive-refused', message: error.message });
  }

  async function printLines(kind: PrintedDocument['kind'], lines: string[], caseNo?: string, earlierCase = false) {
    // The Electron window's printer, or the browser's virtual one (its output is the preview below).
    const outcome = await devices.printReceipt({
      hallName: '',
      ticketNumber: '',
      serviceName: lines[0] ?? '',
      windowName: '',
      clerkName: '',
      finishedAtLocal: '',
      lines,
    });
    const onPaper = devices.runtime === 'electron' && outcome.printed;
    const failure = outcome.printed ? undefined : (outcome.reason ?? '打印机无响应 / the printer did not answer');
    setPrinted({
      kind,
      lines,
      onPaper,
      ...(failure ? { failure } : {}),
      ...(caseNo ? { caseNo } : {}),
      ...(earlierCase ? { earlier: true } : {}),
    });
    // The receipt is owed until it came out: the visit's list offers to print it again.
    if (caseNo)
      dispatch({ type: 'receipt-printed', caseNo, ok: outcome.printed, ...(failure ? { problem: failure } : {}) });
  }

  return { state, dispatch, catalog, loadError, printed, earlier, reprintEarlier };
}

/** Acceptance needs every item received, tolerated or fetched as 电子证照 (the flow's `acceptBlocker`). */
function caseStatus(mark: MaterialMark): MaterialStatus {
  if (mark === 'rejected') return 'missing';
  return mark === 'tolerated' || mark === 'cert-lookup' || mark === 'missing' ? mark : 'received';
}

function caseMaterial(i: ChecklistItem): { status: MaterialStatus; note?: string } {
  return {
    status: caseStatus(i.mark),
    ...(i.mark === 'tolerated' && i.dueDate ? { note: `承诺 ${i.dueDate} 前补交` } : {}),
  };
}
