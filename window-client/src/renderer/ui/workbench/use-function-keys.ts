import { useEffect, useRef } from 'react';
import type { WindowAction } from '../../window-model';
import type { WorkbenchActionName } from './use-workbench-actions';

const KEYS: Record<string, [WindowAction, WorkbenchActionName]> = {
  F1: ['callNext', 'callNext'],
  F2: ['recall', 'recall'],
  F3: ['noShow', 'noShow'],
  F4: ['finish', 'finish'],
};

/**
 * F1 叫号 / F2 重呼 / F3 过号 / F4 办结 — also stops the browser's own F1 help and F3 find. A key does nothing while
 * a dialog is open, while held down, or when its button is disabled.
 */
export function useFunctionKeys(state: {
  enabled: Record<WindowAction, boolean>;
  actions: Record<WorkbenchActionName, () => Promise<unknown>>;
  dialogOpen: boolean;
}): void {
  const latest = useRef(state);
  latest.current = state;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = KEYS[e.key];
      if (!k) return;
      e.preventDefault();
      const { enabled, actions, dialogOpen } = latest.current;
      if (dialogOpen || e.repeat || !enabled[k[0]]) return;
      void actions[k[1]]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
