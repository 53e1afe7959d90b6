/**
 * The online platform simulator (`npm run platform-sim -- --port N`): the connector contract
 * (docs/platform-connector.openapi.yaml) in memory, signed both ways like the real thing, with faults to inject and a
 * control API for demos, tests and outside checkers (README.md beside this file).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import {
  caseStagePushSchema,
  evaluationPushSchema,
  noShowPushSchema,
  platformAppointmentSchema,
  platformCaseResultSchema,
  platformPretrialSchema,
  pretrialSearchSchema,
  queueStatusPushSchema,
  webhookRegistrationSchema,
  type PlatformAppointment,
  type PlatformCaseResult,
  type PlatformPretrial,
  type WebhookEvent,
} from '../app/platform/contract.js';
import {
  ALG_NAMES,
  createSigner,
  MemoryNonceStore,
  SIGN_HEADERS,
  type SigningKeys,
} from '../adapters/platform/signing.js';

/** The issue's four modes, and `refuse` (pushes answered 422: the hall's dead-letter path). */
export const FAULT_MODES = ['down', 'slow', '5xx', 'ok', 'refuse'] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

export interface PlatformSimOptions {
  port?: number;
  host?: string;
  keys: SigningKeys;
  /** The simulator's own app id in signatures. */
  appId?: string;
  maxSkewSeconds?: number;
  /** How long `slow` holds each answer (ms). */
  slowMs?: number;
  /** Where webhooks go before a hall registers its own URL (hall code → URL), or for every hall. */
  webhookUrl?: string;
  /** The simulator's clock (a test shares the hall's injected clock, so signatures carry the same time). */
  now?: () => number;
  log?: (line: string) => void;
}

export interface ReceivedRecord {
  seq: number;
  kind: 'case-stage' | 'evaluation' | 'queue-status' | 'no-show';
  hallCode: string;
  idempotencyKey: string;
  caseNo: string | null;
  stage: string | null;
  stageCode: number | null;
  stepNo: number | null;
  receivedAt: string;
  body: unknown;
}

interface SentWebhook {
  eventId: string;
  type: WebhookEvent['type'];
  hallCode: string;
  event: WebhookEvent;
  at: string;
  status: number | null;
  answer: unknown;
  answerVerified: boolean;
  error: string | null;
}

export interface PlatformSim {
  url: string;
  port: number;
  close(): Promise<void>;
}

const PUSH_SCHEMAS = {
  'case-stages': { kind: 'case-stage', schema: caseStagePushSchema },
  evaluations: { kind: 'evaluation', schema: evaluationPushSchema },
  'queue-status': { kind: 'queue-status', schema: queueStatusPushSchema },
  'appointment-no-shows': { kind: 'no-show', schema: noShowPushSchema },
} as const;

const faultSchema = z.object({
  mode: z.enum(FAULT_MODES),
  forMs: z
    .number()
    .int()
    .min(1)
    .max(7 * 86_400_000)
    .optional(),
});

const DEMO_HOLDER = { name: '王建国', idNumber: '310101195801018882' };

const simAppointmentSchema = z.object({
  hallCode: z.string().min(2).max(40).optional(),
  id: z.string().min(1).max(48).optional(),
  code: z.string().optional(),
  serviceCode: z.string().min(1).max(64).default('real-estate'),
  matterName: z.string().max(100).default('不动产转移登记'),
  holder: z.object({ name: z.string(), idNumber: z.string() }).default(DEMO_HOLDER),
  phone: z.string().optional(),
  slotStart: z.string().optional(),
  slotEnd: z.string().optional(),
  channel: z.enum(['web', 'app', 'miniprogram', 'phone']).default('web'),
});

const simPretrialSchema = z.object({
  hallCode: z.string().min(2).max(40).optional(),
  pretrial: z.record(z.string(), z.unknown()),
});

const simResultSchema = z.object({
  hallCode: z.string().min(2).max(40).optional(),
  result: z.record(z.string(), z.unknown()),
});

/** Starts the simulator; resolves once it listens. */
export async function startPlatformSim(options: PlatformSimOptions): Promise<PlatformSim> {
  const now = options.now ?? (() => Date.now());
  const log = options.log ?? (() => undefined);
  const iso = () => new Date(now()).toISOString();
  const signer = createSigner({
    keys: options.keys,
    appId: options.appId ?? 'onedoor-platform-sim',
    now,
    maxSkewSeconds: options.maxSkewSeconds ?? 300,
    nonces: new MemoryNonceStore(),
  });
  const slowMs = options.slowMs ?? 8000;

  // ---------- state ----------
  let fault: { mode: FaultMode; until: number | null } = { mode: 'ok', until: null };
  const records: ReceivedRecord[] = [];
  const deliveries = new Map<string, number>();
  const answers = new Map<string, { recordId: string }>();
  const latestQueue = new Map<string, unknown>();
  const appointments = new Map<string, PlatformAppointment & { hallCode: string }>();
  const pretrials = new Map<string, PlatformPretrial & { hallCode: string }>();
  /** The feed the halls pull: every change, numbered. */
  const feed: { seq: number; hallCode: string; kind: 'appointment' | 'case-result'; item: unknown }[] = [];
  const webhookUrls = new Map<string, string>();
  const sent: SentWebhook[] = [];
  let feedSeq = 0;
  let eventSeq = 0;

  const currentMode = (): FaultMode => {
    if (fault.until !== null && now() >= fault.until) fault = { mode: 'ok', until: null };
    return fault.mode;
  };

  // ---------- helpers ----------
  const readBody = (req: IncomingMessage): Promise<Buffer> =>
    new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > 2_000_000) req.destroy(new Error('body too large'));
        else chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const plain = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  /** A contract answer: signed for the request it answers. */
  const signed = (res: ServerResponse, requestNonce: string, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      ...signer.signAnswer(requestNonce, status, text),
    });
    res.end(text);
  };

  const contractError = (code: string, message: string) => ({ error: { code, message } });

  const newCode = () => randomBytes(4).toString('hex').toUpperCase().slice(0, 8);

  const addFeed = (hallCode: string, kind: 'appointment' | 'case-result', item: unknown) => {
    feed.push({ seq: ++feedSeq, hallCode, kind, item });
  };

  const hallUrl = (hallCode: string) => webhookUrls.get(hallCode) ?? options.webhookUrl ?? null;

  /** Posts a webhook to the hall, signed afresh (a new nonce and time each time it is sent). */
  const deliverWebhook = async (event: WebhookEvent): Promise<SentWebhook> => {
    const entry: SentWebhook = {
      eventId: event.eventId,
      type: event.type,
      hallCode: event.hallCode,
      event,
      at: iso(),
      status: null,
      answer: null,
      answerVerified: false,
      error: null,
    };
    sent.push(entry);
    if (sent.length > 200) sent.shift();
    const url = hallUrl(event.hallCode);
    if (!url) {
      entry.error = 'no webhook URL registered for this hall (it will pull the record)';
      return entry;
    }
    if (currentMode() !== 'ok') {
      entry.error = `platform is ${currentMode()}: webhook not sent (the hall will pull the record)`;
      return entry;
    }
    const text = JSON.stringify(event);
    const target = new URL(url);
    const headers = signer.signRequest('POST', `${target.pathname}${target.search}`, text);
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: text,
        signal: AbortSignal.timeout(10_000),
      });
      const raw = Buffer.from(await res.arrayBuffer());
      entry.status = res.status;
      entry.answer = JSON.parse(raw.toString('utf8')) as unknown;
      entry.answerVerified =
        signer.verifyAnswer(headers[SIGN_HEADERS.nonce]!, res.status, Object.fromEntries(res.headers), raw) === null;
    } catch (err) {
      entry.error = err instanceof Error ? err.message : String(err);
    }
    log(`webhook ${event.type} ${event.eventId} → ${entry.status ?? entry.error}`);
    return entry;
  };

  const webhook = (hallCode: string, make: (base: { eventId: string; hallCode: string }) => WebhookEvent) =>
    deliverWebhook(make({ eventId: `evt-${++eventSeq}`, hallCode }));

  // ---------- the contract ----------
  const contract = async (
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    body: Buffer,
    fault: { delayMs: number; refuse: boolean },
  ) => {
    const delayMs = fault.delayMs;
    const match = /^\/api\/v1\/halls\/([^/]+)\/(.+)$/.exec(url.pathname);
    const checked = signer.verifyRequest({
      method: req.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: req.headers,
      body,
    });
    if (!checked.ok)
      return plain(
        res,
        checked.error.code === 'CONFLICT' ? 409 : 401,
        contractError(checked.error.code, checked.error.messageEn),
      );
    const answer = (status: number, value: unknown) => {
      if (delayMs === 0) return signed(res, checked.nonce, status, value);
      setTimeout(() => signed(res, checked.nonce, status, value), delayMs).unref();
    };
    if (!match) return answer(404, contractError('NOT_FOUND', `no such path ${url.pathname}`));
    const hallCode = decodeURIComponent(match[1]!);
    const rest = match[2]!;
    const json = (): unknown => {
      try {
        return JSON.parse(body.toString('utf8'));
      } catch {
        return undefined;
      }
    };
    const since = Number(url.searchParams.get('since') ?? 0) || 0;
    if (req.method === 'PUT' && rest === 'webhook') {
      const r = webhookRegistrationSchema.safeParse(json());
      if (!r.success) return answer(400, contractError('BAD_REQUEST', 'give { url }'));
      webhookUrls.set(hallCode, r.data.url);
      return answer(200, { registered: true, url: r.data.url });
    }
    if (req.method === 'GET' && (rest === 'appointments' || rest === 'case-results')) {
      const kind = rest === 'appointments' ? 'appointment' : 'case-result';
      const items = feed.filter((f) => f.hallCode === hallCode && f.kind === kind && f.seq > since);
      return answer(200, { items: items.map((f) => f.item), cursor: String(items.at(-1)?.seq ?? Math.max(since, 0)) });
    }
    if (req.method === 'POST' && rest === 'pretrials/search') {
      const q = pretrialSearchSchema.safeParse(json());
      if (!q.success) return answer(400, contractError('BAD_REQUEST', 'give code or idNumber'));
      const items = [...pretrials.values()].filter(
        (p) =>
          p.hallCode === hallCode &&
          (q.data.code
            ? p.code === q.data.code
            : (p.applicant.kind === 'person' ? p.applicant.idNumber : p.applicant.contactIdNumber) === q.data.idNumber),
      );
      return answer(200, { items: items.map(({ hallCode: _h, ...p }) => p) });
    }
    const push = req.method === 'POST' ? PUSH_SCHEMAS[rest as keyof typeof PUSH_SCHEMAS] : undefined;
    if (push) {
      const key = req.headers[SIGN_HEADERS.idempotencyKey];
      const idempotencyKey = Array.isArray(key) ? key[0] : key;
      if (!idempotencyKey) return answer(400, contractError('BAD_REQUEST', 'Idempotency-Key is required'));
      deliveries.set(idempotencyKey, (deliveries.get(idempotencyKey) ?? 0) + 1);
      if (fault.refuse) return answer(422, contractError('REFUSED', 'simulated refusal: this record is not accepted'));
      const before = answers.get(idempotencyKey);
      if (before) return answer(200, { accepted: true, duplicate: true, recordId: before.recordId });
      const parsed = push.schema.safeParse(json());
      if (!parsed.success)
        return answer(
          400,
          contractError('BAD_REQUEST', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')),
        );
      const value = parsed.data as Record<string, unknown>;
      const stage = push.kind === 'case-stage' ? (parsed.data as z.output<typeof caseStagePushSchema>) : null;
      const record: ReceivedRecord = {
        seq: records.length + 1,
        kind: push.kind,
        hallCode,
        idempotencyKey,
        caseNo: stage?.caseNo ?? (typeof value.projectNo === 'string' ? value.projectNo : null),
        stage: stage?.step.stage ?? null,
        stageCode: stage?.step.stageCode ?? null,
        stepNo: stage?.step.no ?? null,
        receivedAt: iso(),
        body: parsed.data,
      };
      records.push(record);
      if (push.kind === 'queue-status') latestQueue.set(hallCode, parsed.data);
      const recordId = `rec-${record.seq}`;
      answers.set(idempotencyKey, { recordId });
      return answer(200, { accepted: true, duplicate: false, recordId });
    }
    return answer(404, contractError('NOT_FOUND', `no such operation ${req.method} ${rest}`));
  };

  // ---------- the control API ----------
  const control = async (req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer) => {
    const json = (): unknown => {
      try {
        return body.length ? JSON.parse(body.toString('utf8')) : {};
      } catch {
        return undefined;
      }
    };
    const bad = (message: string) => plain(res, 400, { ok: false, error: message });
    const path = url.pathname;
    if (req.method === 'GET' && path === '/sim/healthz')
      return plain(res, 200, {
        status: 'ok',
        mode: currentMode(),
        signing: ALG_NAMES[options.keys.alg],
        records: records.length,
        webhooks: Object.fromEntries(webhookUrls),
      });
    if (req.method === 'GET' && path === '/sim/received')
      return plain(res, 200, {
        records: records.map((r) => ({ ...r, deliveries: deliveries.get(r.idempotencyKey) ?? 0 })),
        deliveries: Object.fromEntries(deliveries),
        queueStatus: Object.fromEntries(latestQueue),
      });
    if (req.method === 'POST' && path === '/sim/faults') {
      const f = faultSchema.safeParse(json());
      if (!f.success) return bad('give { "mode": "down" | "slow" | "5xx" | "ok" | "refuse", "forMs"?: number }');
      fault = { mode: f.data.mode, until: f.data.forMs ? now() + f.data.forMs : null };
      log(`fault ${fault.mode}${f.data.forMs ? ` for ${f.data.forMs} ms` : ''}`);
      return plain(res, 200, { mode: fault.mode, until: fault.until ? new Date(fault.until).toISOString() : null });
    }
    if (req.method === 'POST' && path === '/sim/appointments') {
      const input = simAppointmentSchema.safeParse(json());
      if (!input.success) return bad(input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      const a = input.data;
      const hallCode = a.hallCode ?? [...webhookUrls.keys()][0] ?? 'demo-hall';
      const id = a.id ?? `appt-${randomBytes(5).toString('hex')}`;
      const previous = appointments.get(id);
      const t = now();
      const candidate = {
        id,
        version: (previous?.version ?? 0) + 1,
        status: 'booked' as const,
        code: a.code ?? previous?.code ?? newCode(),
        serviceCode: a.serviceCode,
        matterName: a.matterName,
        holder: a.holder,
        ...(a.phone ? { phone: a.phone } : {}),
        slotStart: a.slotStart ?? new Date(t - 5 * 60_000).toISOString(),
        slotEnd: a.slotEnd ?? new Date(t + 55 * 60_000).toISOString(),
        channel: a.channel,
      };
      const checked = platformAppointmentSchema.safeParse(candidate);
      if (!checked.success) return bad(checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      appointments.set(id, { ...checked.data, hallCode });
      addFeed(hallCode, 'appointment', checked.data);
      const hook = await webhook(hallCode, (base) => ({
        ...base,
        type: previous ? 'appointment.changed' : 'appointment.booked',
        appointment: checked.data,
      }));
      return plain(res, 201, { appointment: checked.data, webhook: summary(hook) });
    }
    const cancel = /^\/sim\/appointments\/([^/]+)\/cancel$/.exec(path);
    if (req.method === 'POST' && cancel) {
      const previous = appointments.get(decodeURIComponent(cancel[1]!));
      if (!previous) return plain(res, 404, { ok: false, error: 'no such appointment' });
      const { hallCode, ...rest } = previous;
      const next = { ...rest, version: rest.version + 1, status: 'cancelled' as const };
      appointments.set(next.id, { ...next, hallCode });
      addFeed(hallCode, 'appointment', next);
      const hook = await webhook(hallCode, (base) => ({ ...base, type: 'appointment.cancelled', appointment: next }));
      return plain(res, 200, { appointment: next, webhook: summary(hook) });
    }
    if (req.method === 'POST' && path === '/sim/pretrials') {
      const input = simPretrialSchema.safeParse(json());
      if (!input.success) return bad('give { pretrial: {...} }');
      const hallCode = input.data.hallCode ?? [...webhookUrls.keys()][0] ?? 'demo-hall';
      const previous = pretrials.get(String(input.data.pretrial.id ?? ''));
      const p = platformPretrialSchema.safeParse({ version: (previous?.version ?? 0) + 1, ...input.data.pretrial });
      if (!p.success) return bad(p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      pretrials.set(p.data.id, { ...p.data, hallCode });
      const hook = await webhook(hallCode, (base) => ({ ...base, type: 'pretrial.ready', pretrial: p.data }));
      return plain(res, 201, { pretrial: p.data, webhook: summary(hook) });
    }
    if (req.method === 'POST' && path === '/sim/case-results') {
      const input = simResultSchema.safeParse(json());
      if (!input.success) return bad('give { result: {...} }');
      const hallCode = input.data.hallCode ?? [...webhookUrls.keys()][0] ?? 'demo-hall';
      const r = platformCaseResultSchema.safeParse({
        id: `res-${randomBytes(5).toString('hex')}`,
        version: 1,
        concludedAt: iso(),
        ...input.data.result,
      });
      if (!r.success) return bad(r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
      addFeed(hallCode, 'case-result', r.data as PlatformCaseResult);
      const hook = await webhook(hallCode, (base) => ({ ...base, type: 'case.result', result: r.data }));
      return plain(res, 201, { result: r.data, webhook: summary(hook) });
    }
    if (req.method === 'POST' && path === '/sim/webhooks/replay') {
      const input = z.object({ count: z.number().int().min(1).max(100).default(5) }).safeParse(json());
      if (!input.success) return bad('give { "count"?: number }');
      // The latest webhooks again, newest first (out of order), each twice, signed afresh.
      const recent = sent
        .filter((s) => s.status !== null || s.error === null)
        .slice(-input.data.count)
        .reverse();
      const replayed: ReturnType<typeof summary>[] = [];
      for (const s of recent) for (let i = 0; i < 2; i++) replayed.push(summary(await deliverWebhook(s.event)));
      return plain(res, 200, { replayed });
    }
    if (req.method === 'GET' && path === '/sim/webhooks') return plain(res, 200, { webhooks: sent.map(summary) });
    return plain(res, 404, { ok: false, error: `no such control path ${req.method} ${path}` });
  };

  const summary = (s: SentWebhook) => ({
    eventId: s.eventId,
    type: s.type,
    at: s.at,
    status: s.status,
    answer: s.answer,
    answerVerified: s.answerVerified,
    error: s.error,
  });

  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://sim');
      const body = await readBody(req);
      if (url.pathname.startsWith('/sim/')) return control(req, res, url, body);
      const mode = currentMode();
      if (mode === 'down') {
        // Like a host that is not there: the connection goes away without an answer.
        req.socket.destroy();
        return;
      }
      if (mode === '5xx') return plain(res, 503, contractError('UNAVAILABLE', 'simulated platform failure'));
      // `slow`: the record is taken at once but the answer comes too late for the hall, which sends it again (the
      // idempotency key keeps it once).
      return contract(req, res, url, body, { delayMs: mode === 'slow' ? slowMs : 0, refuse: mode === 'refuse' });
    })().catch((err: unknown) => {
      log(`error: ${err instanceof Error ? err.message : String(err)}`);
      if (!res.headersSent) plain(res, 500, contractError('INTERNAL', 'simulator error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
