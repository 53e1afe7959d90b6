/**
 * Runs the intake state machine for one called visitor: loads the catalog, looks up pre-reviewed applications
 * (`POST /api/platform/pretrials/find`), sends `POST /api/cases` for a receive-case effect and
 * `POST /api/platform/pretrials/:code/intake` for a pre-review, and prints on the window's printer — or, in the browser, on a virtual printer whose output
 * the screen shows (`printed`).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { createRestClient, type Material, type MaterialStatus, type Matter as CatalogMatter } from '@onedoor/protocol';
import type { WindowDeviceApi } from '../../shared/window-api';
import {
  cardReadShown,
  type ChecklistItem,
  initialIntake,
  type MaterialMark,
  transition,
  type IntakeEffect,
  type IntakeEvent,
  type IntakeState,
} from './intake-flow';
import { noticeLines, receiptLines } from './receipt-text';

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
  /** The case a 受理回执 is for. */
  caseNo?: string;
}

export function useIntake({ origin, token, ticketId, devices }: IntakeDeps) {
  const [state, setState] = useState<IntakeState>(initialIntake);
  const [catalog, setCatalog] = useState<{ matters: CatalogMatter[]; materials: Material[] } | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [printed, setPrinted] = useState<PrintedDocument | null>(null);
  const stateRef = useRef(state);
  const seq = useRef(0);
  const rest = useRef(createRestClient({ origin, token: () => token }));

  useEffect(() => {
    void (async () => {
      const [matters, materials] = await Promise.all([
        rest.current.call('GET /api/catalog/matters', { query: {} }),
        rest.current.call('GET /api/catalog/materials', {}),
      ]);
      if (!matters.ok) return setLoadError(matters.error.message);
      if (!materials.ok) return setLoadError(materials.error.message);
      setCatalog({ matters: matters.data.filter((m) => m.enabled), materials: materials.data });
    })();
  }, []);

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
        return dispatch({ type: 'received', caseNo: answer.data.caseNo });
      }
      case 'check-printer':
        // Only the Electron window knows its printer's state; the browser prints on the screen.
        return dispatch(await printerStatus(devices));
      case 'receive-case': {
        const answer = await rest.current.call('POST /api/cases', {
          body: {
            matterId: effect.matter.matterId,
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
        if (!answer.ok) return dispatch({ type: 'receive-refused', message: answer.error.message });
        return dispatch({ type: 'received', caseNo: answer.data.caseNo });
      }
      case 'print-receipt':
        return printLines('receipt', receiptLines(effect.caseNo, effect.applicant, effect.matter), effect.caseNo);
      case 'print-notice':
        return printLines('notice', noticeLines(effect.applicant, effect.matterName, effect.missing));
    }
  }

  async function printLines(kind: PrintedDocument['kind'], lines: string[], caseNo?: string) {
    const outcome = devices.runtime === 'electron' ? await printOnPaper(devices, lines) : { printed: false };
    setPrinted({ kind, lines, onPaper: outcome.printed, ...(caseNo ? { caseNo } : {}) });
    // In the browser the screen is the printer; at an Electron window the receipt is owed until it is on paper.
    if (caseNo) dispatch({ type: 'receipt-printed', caseNo, ok: devices.runtime !== 'electron' || outcome.printed });
  }

  return { state, dispatch, catalog, loadError, printed };
}

/** The window printer's state before an acceptance: ready, or what is wrong with it (缺纸 …). */
async function printerStatus(devices: WindowDeviceApi): Promise<Extract<IntakeEvent, { type: 'printer-status' }>> {
  if (devices.runtime !== 'electron' || !devices.getDeviceStatus) return { type: 'printer-status', ok: true };
  const status = await devices.getDeviceStatus();
  if (status.printer === 'ready') return { type: 'printer-status', ok: true };
  return {
    type: 'printer-status',
    ok: false,
    problem: status.problems?.printer ?? '回执打印机未就绪 / printer not ready',
  };
}

/** The lines the screen previews, on the window's printer as shown (an older preload prints them as a receipt). */
function printOnPaper(devices: WindowDeviceApi, lines: string[]) {
  const [title = '', ...rest] = lines;
  if (devices.printDocument) return devices.printDocument({ kind: 'text', title, lines: rest });
  return devices.printReceipt({
    hallName: '',
    ticketNumber: '',
    serviceName: title,
    windowName: '',
    clerkName: '',
    finishedAtLocal: '',
    lines,
  });
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
