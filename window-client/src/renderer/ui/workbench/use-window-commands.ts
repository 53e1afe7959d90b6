import { useCallback, useState } from 'react';
import { App as AntApp } from 'antd';
import type { Ack, WindowClientEvents } from '@onedoor/protocol';
import type { CommandOf, DataOf, PayloadOf } from '@onedoor/protocol/client';
import type { StaffLink } from '@onedoor/staff-ui';

export type WindowCommand = CommandOf<WindowClientEvents>;

/** A refused or unanswered command, shown in the error bar until the next success. */
export interface Failure {
  action: string;
  message: string;
  at: number;
}

/**
 * Sends the clerk's commands one at a time: the buttons wait for the ack (`busy` names the action in flight); a
 * success may flash a short message, a refusal shows the server's Chinese message in the error bar.
 */
export function useWindowCommands(link: StaffLink<'/window'>) {
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);

  const run = useCallback(
    async <E extends WindowCommand>(
      label: string,
      event: E,
      payload: PayloadOf<WindowClientEvents, E>,
      success?: (data: DataOf<WindowClientEvents, E>) => string | null,
    ): Promise<Ack<DataOf<WindowClientEvents, E>> | null> => {
      if (busy) return null;
      setBusy(label);
      const ack = await link.command(event, payload);
      setBusy(null);
      if (ack.ok) {
        setFailure(null);
        const text = success?.(ack.data);
        if (text) void message.success({ content: text, duration: 1.5 });
      } else {
        setFailure({ action: label, message: ack.error.message, at: Date.now() });
      }
      return ack;
    },
    [busy, link, message],
  );

  const clearFailure = useCallback(() => setFailure(null), []);
  return { busy, failure, clearFailure, run };
}

export type RunCommand = ReturnType<typeof useWindowCommands>['run'];
