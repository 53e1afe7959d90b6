/**
 * Who may do what, at every edge, from the protocol's own catalogs (issue 12): every REST route of REST_ROUTES and
 * every socket event of SOCKET_CATALOG, for an anonymous caller and each kind of principal. A route or an event added
 * to a catalog is in this matrix the day it is added; the MQTT topics have their matrix in mqtt-acl tests.
 *
 * The namespace table below is the security spec: which credential opens which socket namespace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { REST_ROUTES, SOCKET_CATALOG, routeParts, type StaffRole } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall.js';

type Principal = 'anonymous' | 'kiosk' | 'display' | 'gateway' | 'clerk' | 'manager' | 'approver' | 'admin';
const PRINCIPALS: Principal[] = ['anonymous', 'kiosk', 'display', 'gateway', 'clerk', 'manager', 'approver', 'admin'];
const STAFF: Partial<Record<Principal, StaffRole>> = {
  clerk: 'clerk',
  manager: 'manager',
  approver: 'approver',
  admin: 'admin',
};

type Namespace = keyof typeof SOCKET_CATALOG;
/** Which principals a namespace admits; admin may do everything, as on REST. */
const NAMESPACE_ADMITS: Record<Namespace, Principal[]> = {
  '/kiosk': ['kiosk'],
  '/display': ['display'],
  '/window': ['clerk', 'manager', 'admin'],
  '/console': ['manager', 'admin'],
};

describe('authorization matrix over every route and event (real hall)', () => {
  let hall: TestHall;
  const token: Partial<Record<Principal, string>> = {};

  beforeAll(async () => {
    // With the virtual devices, so the demo routes are served and in the matrix too.
    hall = await startTestHall({ config: { demo: { virtualDevices: true } } });
    token.kiosk = await hall.deviceToken('kiosk');
    token.display = await hall.deviceToken('display');
    token.gateway = await hall.deviceToken('gateway');
    token.clerk = await hall.login('clerk01');
    token.manager = await hall.login('manager01');
    token.approver = await hall.login('approver-scjgj');
    token.admin = await hall.login('admin');
  });
  afterAll(async () => {
    await hall.close();
  });

  const allowedOnRest = (access: readonly StaffRole[] | 'public', p: Principal) => {
    if (access === 'public') return true;
    const role = STAFF[p];
    return role !== undefined && (role === 'admin' || access.includes(role));
  };

  it('every REST route answers 401 to callers without a staff session and 403 to staff without its role', async () => {
    const wrong: string[] = [];
    let checked = 0;
    for (const [route, spec] of Object.entries(REST_ROUTES)) {
      const { method, path } = routeParts(route as keyof typeof REST_ROUTES);
      // Signing out with a principal's token would end the session the rest of the matrix uses.
      if (route === 'POST /api/auth/logout') continue;
      const url = `${hall.baseUrl}${path.replace(/:[a-zA-Z]+/g, 'matrix-x')}`;
      for (const p of PRINCIPALS) {
        const t = token[p];
        const res = await fetch(url, { method, headers: t ? { authorization: `Bearer ${t}` } : {} });
        const text = await res.text();
        checked++;
        const allowed = allowedOnRest(spec.access, p);
        const expected = allowed ? 'past the role check' : STAFF[p] ? '403' : '401';
        // Past the role check a route may still refuse by scope (a clerk reads only their own visitor): 403 with its
        // own reason, never the role refusal.
        const roleRefusal = res.status === 403 && text.includes('"没有权限"');
        const ok = allowed
          ? res.status !== 401 && !roleRefusal
          : res.status === (STAFF[p] ? 403 : 401) && (res.status === 401 || roleRefusal);
        if (!ok) wrong.push(`${route} as ${p}: ${res.status}, expected ${expected}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toBeGreaterThan(60 * PRINCIPALS.length);
  }, 120_000);

  const open = (ns: Namespace, p: Principal): Promise<Socket | null> => {
    const t = token[p];
    const auth = !t ? {} : STAFF[p] ? { sessionToken: t } : { deviceToken: t };
    const socket = io(`${hall.baseUrl}${ns}`, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    return new Promise((resolve) => {
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', () => {
        socket.close();
        resolve(null);
      });
    });
  };

  const ask = (socket: Socket, event: string, payload: unknown) =>
    socket.timeout(3000).emitWithAck(event, payload) as Promise<{ ok: boolean; error?: Record<string, unknown> }>;

  it('each namespace admits only its principals; every event of its catalog is answered, every other is refused', async () => {
    const allEvents = [...new Set(Object.values(SOCKET_CATALOG).flatMap((events) => Object.keys(events)))];
    const wrong: string[] = [];
    for (const ns of Object.keys(SOCKET_CATALOG) as Namespace[]) {
      for (const p of PRINCIPALS) {
        const socket = await open(ns, p);
        const admitted = NAMESPACE_ADMITS[ns].includes(p);
        if ((socket !== null) !== admitted) wrong.push(`${ns} as ${p}: ${socket ? 'admitted' : 'refused'}`);
        if (!socket) continue;
        const own = new Set(Object.keys(SOCKET_CATALOG[ns]));
        const seqBefore = hall.running.hall.currentSeq;
        for (const event of allEvents) {
          // An empty payload: the schema refuses most; what it accepts (a snapshot) changes nothing either.
          const answer = await ask(socket, event, {}).catch(() => null);
          if (!answer) wrong.push(`${ns} ${event} as ${p}: no answer`);
          else if (!answer.ok && !(typeof answer.error?.message === 'string' && answer.error.messageEn))
            wrong.push(`${ns} ${event} as ${p}: an error without Chinese and English`);
          else if (!own.has(event) && answer.ok) wrong.push(`${ns} ${event} as ${p}: accepted outside its catalog`);
        }
        if (hall.running.hall.currentSeq !== seqBefore) wrong.push(`${ns} as ${p}: empty payloads changed the hall`);
        socket.close();
      }
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
