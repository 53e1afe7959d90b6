import { useRef, useState } from 'react';
import type { HallEvent, HallSnapshot } from '@onedoor/protocol';
import { useStaffHall, type StaffConnection, type StaffSession } from '@onedoor/staff-ui';
import { emptyHistory, foldApplied, historyFits, type WindowHistory } from '../window-model';

const historyKey = (windowId: string) => `onedoor.window.history.${windowId}`;

function loadHistory(snapshot: HallSnapshot, windowId: string): WindowHistory | null {
  try {
    const h = JSON.parse(localStorage.getItem(historyKey(windowId)) ?? 'null') as WindowHistory | null;
    return historyFits(h, snapshot, windowId) ? h : null;
  } catch {
    return null;
  }
}

export interface WindowHall extends StaffConnection<'/window'> {
  /** Today's counters and 过号 list of the clerk's window, folded from the events this screen applied. */
  history: WindowHistory | null;
}

/** The clerk's link to the hall for one session, plus this window's history (kept in localStorage across reloads). */
export function useWindowHall(
  origin: string,
  session: StaffSession,
  onUnauthorized: (message: string) => void,
): WindowHall {
  const [history, setHistory] = useState<WindowHistory | null>(null);
  const historyRef = useRef<WindowHistory | null>(null);
  const staffId = session.staff.id;
  const connection = useStaffHall(origin, session, '/window', {
    onUnauthorized,
    onChange(state: HallSnapshot, base: HallSnapshot, applied: HallEvent[]) {
      const myWindow = (s: HallSnapshot) => s.windows.find((w) => w.clerkId === staffId)?.id ?? null;
      const windowId = myWindow(state) ?? myWindow(base);
      if (!windowId) return;
      let h = historyRef.current;
      if (!historyFits(h, base, windowId))
        h = loadHistory(base, windowId) ?? emptyHistory(base.hallId, windowId, base.businessDay, base.seq);
      const next = foldApplied(h, base, applied);
      if (next === historyRef.current) return;
      historyRef.current = next;
      setHistory(next);
      try {
        localStorage.setItem(historyKey(windowId), JSON.stringify(next));
      } catch {
        /* storage full or disabled: the counters still work for this page */
      }
    },
  });
  return { ...connection, history };
}
