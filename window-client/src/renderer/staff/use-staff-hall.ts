import { useEffect, useRef, useState } from 'react';
import { io, type Socket } from 'socket.io-client';
import type {
  ConsoleClientEvents,
  HallEvent,
  HallServerEvents,
  HallSnapshot,
  WindowClientEvents,
} from '@onedoor/protocol';
import { browserWake, HallLink, type LinkStatus } from '@onedoor/protocol/client';
import type { StaffSession } from './session';

/** The namespaces staff screens use, with the commands each accepts. */
export interface StaffNamespaces {
  '/window': WindowClientEvents;
  '/console': ConsoleClientEvents;
}
export type StaffNamespace = keyof StaffNamespaces;
export type StaffLink<N extends StaffNamespace> = HallLink<StaffNamespaces[N]>;

export interface StaffConnection<N extends StaffNamespace> {
  snapshot: HallSnapshot | null;
  status: LinkStatus;
  /** Server time minus local time, ms: a PC's own clock is often off. */
  clockOffset: number;
  link: StaffLink<N> | null;
}

export interface StaffHallOptions {
  /** The session is unknown or expired, or the staff member may not use the namespace. */
  onUnauthorized(message: string): void;
  /** Every change of the hall state (see HallLinkHandlers.onChange). */
  onChange?(state: HallSnapshot, base: HallSnapshot, applied: HallEvent[]): void;
}

/** A clerk's screen is checked against the server every two minutes, besides the sequence numbers. */
const RESYNC_MS = 120_000;

/**
 * The hall as one staff screen sees it, for one session: the shared hall link on `namespace` with the session token,
 * the hall state, the link status and the server's clock. The link lives as long as the session.
 */
export function useStaffHall<N extends StaffNamespace>(
  origin: string,
  session: StaffSession,
  namespace: N,
  options: StaffHallOptions,
): StaffConnection<N> {
  const [snapshot, setSnapshot] = useState<HallSnapshot | null>(null);
  const [status, setStatus] = useState<LinkStatus>('connecting');
  const [clockOffset, setClockOffset] = useState(0);
  const [link, setLink] = useState<StaffLink<N> | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => {
    const socket: Socket<HallServerEvents, StaffNamespaces[N]> = io(`${origin}${namespace}`, {
      auth: { sessionToken: session.sessionToken },
      reconnection: true,
      reconnectionAttempts: Infinity,
      reconnectionDelay: 500,
      reconnectionDelayMax: 5000,
      timeout: 10_000,
    });
    const l = new HallLink<StaffNamespaces[N]>(
      { socket, resyncMs: RESYNC_MS, wake: browserWake(window, document) },
      {
        onChange(state, base, applied) {
          setSnapshot(state);
          setClockOffset(Date.parse(state.serverTime) - Date.now());
          latest.current.onChange?.(state, base, applied);
        },
        onStatus: setStatus,
        onUnauthorized: (e) => latest.current.onUnauthorized(e.message),
      },
    );
    setLink(l);
    return () => l.close();
  }, [origin, session, namespace]);

  return { snapshot, status, clockOffset, link };
}
