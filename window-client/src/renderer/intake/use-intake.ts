/**
 * Runs the intake state machine for one called visitor: loads the catalog, looks up pre-reviewed applications
 * (`POST /api/platform/pretrials/find`), sends `POST /api/cases` for a receive-case effect and
 * `POST /api/platform/pretrials/:code/intake` for a pre-review, and prints the 受理回执 and the 一次性告知书 as
 * documents on the window's printer — in the browser on the virtual printer, which hands them to the demo hall's
 * virtual printer at this window — and shows the same document on the screen (`printed`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  createRestClient,
  type AppError,
  type Bundle,
  type CaseDetail,
  type CaseSummary,
  type Material,
  type MaterialStatus,
  type Matter as CatalogMatter,
  type WindowDocument,
} from '@onedoor/protocol';
import type { PrintOutcome, WindowDeviceApi } from '../../shared/window-api';
import { virtualPrinterOf, type PaperSink } from '../devices';
import {
  cardReadShown,
  type ChecklistItem,
  initialIntake,
  type MaterialMark,
  transition,
  type IntakeEffect,
  type IntakeEvent,
  type IntakeState,
  type Matter,
} from './intake-flow';
import { plainAnswers, situationLabels } from './intake-checklist';
import { caseReceiptDocument, documentLines, noticeDocument, type PrintContext } from './intake-documents';

export interface IntakeDeps {
  origin: string;
  token: string;
  ticketId: string;
  windowId: string;
  devices: WindowDeviceApi;
  /** The hall's name and zone (its snapshot) and this window's name, for the paper. */
  paper: Pick<PrintContext, 'hallName' | 'windowName' | 'timeZone'>;
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

export function useIntake({ origin, token, ticketId, windowId, devices, paper }: IntakeDeps) {
  const [state, setState] = useState<IntakeState>(initialIntake);
  const [catalog, setCatalog] = useState<{ matters: CatalogMatter[]; materials: Material[]; bundles: Bundle[] } | null>(
    null,
  );
  const [loadError, setLoadError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<PrintedDocument | null>(null);
  // The ticket's cases taken in before this panel opened: their receipts can be printed again from here.
  const [earlier, setEarlier] = useState<CaseSummary[]>([]);
  const stateRef = useRef(state);
  const seq = useRef(0);
  const rest = useRef(createRestClient({ origin, token: () => token }));
  // Each case of this visit as the hall recorded it: its receipt (and a reprint) prints that record, not the screen's.
  const receivedCases = useRef(new Map<string, CaseDetail>());
  const printContext: PrintContext = { ...paper, origin, ticketId };

  // In the browser the virtual printer's paper goes to the demo hall's virtual printer at this window.
  useEffect(() => virtualPrinterOf(devices)?.connect(demoHallPrinter(rest.current, windowId)), [devices, windowId]);

  const loadCatalog = useCallback(async () => {
    const [matters, materials, bundles] = await Promise.all([
      rest.current.call('GET /api/catalog/matters', { query: {} }),
      rest.current.call('GET /api/catalog/materials', {}),
      rest.current.call('GET /api/catalog/bundles', {}),
    ]);
    if (!matters.ok) return setLoadError(matters.error.message);
    if (!materials.ok) return setLoadError(materials.error.message);
    if (!bundles.ok) return setLoadError(bundles.error.message);
    setCatalog({ matters: matters.data.filter((m) => m.enabled), materials: materials.data, bundles: bundles.data });
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
      const situations = def ? situationLabels(def, c.answers) : [];
      await printDocument(caseReceiptDocument(c, { situations }, printContext), c.caseNo, true);
    },
    [catalog],
  );

  const dispatch = useCallback(
    (event: IntakeEvent) => {
      const before = stateRef.current;
      const out = transition(before, event, { newId: () => `${ticketId}-${++seq.current}` });
      stateRef.current = out.state;
      setState(out.state);
      const shown = cardReadShown(before, event, out.state);
      if (shown) void auditCardRead(shown);
      for (const effect of out.effects) void perform(effect);
    },
    [ticketId],
  );

  // The window's real reader (Electron) feeds the same event as the browser's virtual card.
  useEffect(
    () => devices.onCard((card) => dispatch({ type: 'card', name: card.name, idNumber: card.idNumber })),
    [devices, dispatch],
  );

  /** Every full read of a card on this screen is audited by the hall (who, which window, when, masked number). */
  async function auditCardRead(idNumber: string): Promise<void> {
    const answer = await rest.current.call('POST /api/tickets/:id/card-reads', {
      params: { id: ticketId },
      body: { idNumber },
    });
    if (!answer.ok)
      dispatch({
        type: 'card-audit-refused',
        idNumber,
        message: `读卡未能登记，请重新刷卡：${answer.error.message} / the card read was not recorded: ${answer.error.messageEn}`,
      });
  }

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
        return received(answer.data);
      }
      case 'check-printer':
        // Asked before anything is sent: no case is taken in whose receipt cannot come out (unless the clerk says so).
        return dispatch(await printerStatus(devices));
      case 'resolve-bundle': {
        const answer = await rest.current.call('POST /api/catalog/bundles/:id/resolve', {
          params: { id: effect.bundleId },
          body: { answers: plainAnswers(effect.answers) },
        });
        return dispatch(
          answer.ok
            ? {
                type: 'bundle-resolved',
                bundleId: effect.bundleId,
                answers: effect.answers,
                questions: answer.data.questions,
                materials: answer.data.materials,
                form: answer.data.form,
              }
            : { type: 'bundle-failed', bundleId: effect.bundleId, message: answer.error.message },
        );
      }
      case 'receive-case': {
        const m = effect.matter;
        const what = m.bundle
          ? { bundleId: m.matterId, ...(m.version !== undefined ? { bundleVersion: m.version } : {}) }
          : { matterId: m.matterId, ...(m.version !== undefined ? { matterVersion: m.version } : {}) };
        const answer = await rest.current.call('POST /api/cases', {
          body: {
            ...what,
            applicant: { kind: 'person', name: effect.applicant.name, idNumber: effect.applicant.idNumber },
            materials: effect.matter.items.map((i) => ({ materialId: i.materialId, ...caseMaterial(i) })),
            ticketId,
            accept: true,
            answers: effect.matter.answers ?? {},
            form: formValues(m),
            takeWay: 'window',
            channel: 'window',
          },
        });
        if (!answer.ok) return refused(effect.matter.matterId, answer.error);
        return received(answer.data);
      }
      case 'print-receipt': {
        const taken = receivedCases.current.get(effect.caseNo);
        if (!taken) return;
        const extra = {
          situations: effect.matter.situations ?? [],
          ...(effect.matter.pretrial ? { pretrialCode: effect.matter.pretrial.code } : {}),
        };
        return printDocument(caseReceiptDocument(taken, extra, printContext), effect.caseNo);
      }
      case 'print-notice':
        return printDocument(
          noticeDocument(effect.applicant, effect.matterName, effect.missing, printContext, new Date().toISOString()),
        );
    }
  }

  function received(c: CaseDetail): void {
    receivedCases.current.set(c.caseNo, c);
    dispatch({ type: 'received', caseNo: c.caseNo });
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

  async function printDocument(doc: WindowDocument, caseNo?: string, earlierCase = false) {
    const lines = documentLines(doc, paper.timeZone);
    const outcome = await printOn(devices, doc, lines);
    const onPaper = devices.runtime === 'electron' && outcome.printed;
    const failure = outcome.printed ? undefined : (outcome.reason ?? '打印机无响应 / the printer did not answer');
    setPrinted({
      kind: doc.kind === 'acceptance-receipt' ? 'receipt' : 'notice',
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

/** The window printer's state before an acceptance: ready, or what is wrong with it (缺纸 …). */
async function printerStatus(devices: WindowDeviceApi): Promise<Extract<IntakeEvent, { type: 'printer-status' }>> {
  // An older preload that cannot tell: the receipt's own print result decides whether it is owed.
  if (!devices.getDeviceStatus) return { type: 'printer-status', ok: true };
  const status = await devices.getDeviceStatus();
  if (status.printer !== 'error') return { type: 'printer-status', ok: true };
  return {
    type: 'printer-status',
    ok: false,
    problem: status.problems?.printer ?? '回执打印机未就绪 / printer not ready',
  };
}

/** The document on the window's printer (an older preload without documents prints its lines as a receipt). */
function printOn(devices: WindowDeviceApi, doc: WindowDocument, lines: string[]): Promise<PrintOutcome> {
  if (devices.printDocument) return devices.printDocument(doc);
  return devices.printReceipt({
    hallName: '',
    ticketNumber: '',
    serviceName: lines[0] ?? '',
    windowName: '',
    clerkName: '',
    finishedAtLocal: '',
    lines,
  });
}

/**
 * The demo hall's virtual receipt printer at this window: the document rendered by the real templates and printer
 * driver, its ESC/POS kept there. A hall without virtual devices answers 404: the screen is the printer then.
 */
function demoHallPrinter(rest: ReturnType<typeof createRestClient>, windowId: string): PaperSink {
  return async (doc) => {
    const answer = await rest.call('POST /api/demo/printers/:id/documents', { params: { id: windowId }, body: doc });
    if (answer.ok)
      return answer.data.reason
        ? { printed: answer.data.printed, reason: answer.data.reason }
        : { printed: answer.data.printed };
    return answer.status === 404 ? { printed: true } : { printed: false, reason: answer.error.message };
  };
}

/** The 一表申请 as the case API takes it: numbers as numbers, yes/no as booleans, the rest as typed. */
function formValues(m: Matter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of m.form?.fields ?? []) {
    const v = m.form?.values[f.key]?.trim();
    if (!v) continue;
    out[f.key] = f.type === 'number' ? Number(v) : f.type === 'boolean' ? v === 'true' : v;
  }
  return out;
}

/** Acceptance needs every item received, tolerated or fetched as 电子证照 (the flow's `acceptBlocker`). */
function caseStatus(mark: MaterialMark): MaterialStatus {
  if (mark === 'rejected') return 'missing';
  return mark === 'tolerated' || mark === 'cert-lookup' || mark === 'missing' ? mark : 'received';
}

function caseMaterial(i: ChecklistItem): { status: MaterialStatus; note?: string } {
  return {
    status: caseStatus(i.mark),
    ...(i.mark === 'tolerated' && i.dueDate ? { note: `承诺 ${i.dueDate} 前补交`, dueDate: i.dueDate } : {}),
  };
}
