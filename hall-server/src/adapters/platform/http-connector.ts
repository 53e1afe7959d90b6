import { z } from 'zod';
import { appError } from '@onedoor/protocol';
import {
  feedPageSchema,
  platformAppointmentSchema,
  platformCaseResultSchema,
  platformErrorSchema,
  platformPretrialSchema,
  pushAnswerSchema,
  webhookEventSchema,
  type CaseStagePush,
  type EvaluationPush,
  type NoShowPush,
  type QueueStatusPush,
  type WebhookEvent,
} from '../../app/platform/contract.js';
import type {
  ConnectorResult,
  InboundRequest,
  PlatformConnector,
  Pushed,
  SignedAnswer,
} from '../../app/platform/platform-ports.js';
import { type Result, failure, success } from '../../domain/result.js';
import { ALG_NAMES, SIGN_HEADERS, type Signer } from './signing.js';

export interface HttpConnectorOptions {
  /** The platform's base URL, e.g. http://127.0.0.1:9090 */
  baseUrl: string;
  hallCode: string;
  signer: Signer;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** The platform's API paths for one hall (the contract: docs/platform-connector.openapi.yaml). */
export const platformPaths = (hallCode: string) => {
  const base = `/api/v1/halls/${encodeURIComponent(hallCode)}`;
  return {
    webhook: `${base}/webhook`,
    appointments: `${base}/appointments`,
    caseResults: `${base}/case-results`,
    pretrialSearch: `${base}/pretrials/search`,
    caseStages: `${base}/case-stages`,
    evaluations: `${base}/evaluations`,
    queueStatus: `${base}/queue-status`,
    noShows: `${base}/appointment-no-shows`,
  };
};

const transient = (message: string) => ({ ok: false as const, failure: { kind: 'transient' as const, message } });
const refused = (message: string) => ({ ok: false as const, failure: { kind: 'refused' as const, message } });

/**
 * The reference connector: the contract over HTTP/JSON, every request signed (HMAC-SHA256 or SM2/SM3) and every
 * answer's signature checked before it is believed. A province whose platform speaks another dialect writes its own
 * PlatformConnector; the outbox, the retries and the inbound rules stay as they are.
 */
export class HttpPlatformConnector implements PlatformConnector {
  readonly signing: string;
  private readonly paths: ReturnType<typeof platformPaths>;

  constructor(private readonly options: HttpConnectorOptions) {
    this.signing = ALG_NAMES[options.signer.alg];
    this.paths = platformPaths(options.hallCode);
  }

  registerWebhook(url: string): Promise<ConnectorResult<void>> {
    return this.request('PUT', this.paths.webhook, { url }, z.unknown()).then((r) =>
      r.ok ? { ok: true, value: undefined } : r,
    );
  }

  pullAppointments(cursor: string | null) {
    return this.request(
      'GET',
      this.feed(this.paths.appointments, cursor),
      undefined,
      feedPageSchema(platformAppointmentSchema),
    );
  }

  pullCaseResults(cursor: string | null) {
    return this.request(
      'GET',
      this.feed(this.paths.caseResults, cursor),
      undefined,
      feedPageSchema(platformCaseResultSchema),
    );
  }

  async fetchPretrials(query: { code: string } | { idNumber: string }) {
    // The ID number travels in the (signed) body, never in a URL that proxies log.
    const r = await this.request(
      'POST',
      this.paths.pretrialSearch,
      query,
      z.object({ items: z.array(platformPretrialSchema) }),
    );
    return r.ok ? { ok: true as const, value: r.value.items } : r;
  }

  pushCaseStage(push: CaseStagePush, key: string) {
    return this.push(this.paths.caseStages, push, key);
  }

  pushEvaluation(push: EvaluationPush, key: string) {
    return this.push(this.paths.evaluations, push, key);
  }

  pushQueueStatus(push: QueueStatusPush, key: string) {
    return this.push(this.paths.queueStatus, push, key);
  }

  reportNoShow(push: NoShowPush, key: string) {
    return this.push(this.paths.noShows, push, key);
  }

  verifyWebhook(request: InboundRequest): Result<WebhookEvent> {
    const checked = this.options.signer.verifyRequest(request);
    if (!checked.ok) return failure(checked.error);
    let json: unknown;
    try {
      json = JSON.parse(request.body.toString('utf8'));
    } catch {
      return failure(appError('BAD_REQUEST', '回调内容不是 JSON', 'the webhook body is not JSON'));
    }
    const event = webhookEventSchema.safeParse(json);
    if (!event.success)
      return failure(
        appError(
          'BAD_REQUEST',
          `回调内容不符合接口约定：${event.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('；')}`,
          'the webhook body is not the contract’s',
        ),
      );
    return success(event.data);
  }

  signAnswer(request: InboundRequest, status: number, body: unknown): SignedAnswer {
    const text = JSON.stringify(body);
    const nonce = request.headers[SIGN_HEADERS.nonce];
    const requestNonce = (Array.isArray(nonce) ? nonce[0] : nonce) ?? '';
    return {
      status,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        ...this.options.signer.signAnswer(requestNonce, status, text),
      },
      body: text,
    };
  }

  private feed(path: string, cursor: string | null): string {
    return cursor ? `${path}?since=${encodeURIComponent(cursor)}` : path;
  }

  private async push(path: string, body: unknown, key: string): Promise<ConnectorResult<Pushed>> {
    const r = await this.request('POST', path, body, pushAnswerSchema, key);
    return r.ok ? { ok: true, value: { duplicate: r.value.duplicate } } : r;
  }

  private async request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body: unknown,
    schema: z.ZodType<T>,
    idempotencyKey?: string,
  ): Promise<ConnectorResult<T>> {
    const { signer, baseUrl, timeoutMs } = this.options;
    const send = this.options.fetch ?? fetch;
    const text = body === undefined ? '' : JSON.stringify(body);
    const signed = signer.signRequest(method, path, text);
    const headers: Record<string, string> = { ...signed, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey) headers[SIGN_HEADERS.idempotencyKey] = idempotencyKey;
    let status: number;
    let answerHeaders: Record<string, string>;
    let raw: Buffer;
    try {
      const res = await send(`${baseUrl.replace(/\/$/, '')}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: text } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
      status = res.status;
      answerHeaders = Object.fromEntries(res.headers);
      raw = Buffer.from(await res.arrayBuffer());
    } catch (err) {
      const timedOut = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
      return transient(
        timedOut
          ? `平台 ${timeoutMs} ms 内未应答 / no answer within ${timeoutMs} ms`
          : `无法连接平台 / the platform cannot be reached (${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)})`,
      );
    }
    // The platform failing (or a gateway in front of it) is the link's problem, not the record's.
    if (status >= 500 || status === 408 || status === 429) return transient(`平台返回 HTTP ${status}`);
    const problem = signer.verifyAnswer(signed[SIGN_HEADERS.nonce]!, status, answerHeaders, raw);
    if (problem) return refused(problem);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return refused(`平台应答不是 JSON（HTTP ${status}）`);
    }
    if (status >= 400) {
      const e = platformErrorSchema.safeParse(json);
      return refused(
        `平台拒收（HTTP ${status}）：${e.success ? `${e.data.error.code} ${e.data.error.message}` : '无说明'}`,
      );
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return refused(`平台应答不符合接口约定：${parsed.error.issues[0]?.message ?? ''}`);
    return { ok: true, value: parsed.data };
  }
}
