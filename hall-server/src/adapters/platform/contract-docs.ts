import { z } from 'zod';
import {
  CONTRACT_VERSION,
  caseStagePushSchema,
  evaluationPushSchema,
  feedPageSchema,
  noShowPushSchema,
  platformAppointmentSchema,
  platformCaseResultSchema,
  platformErrorSchema,
  platformPretrialSchema,
  pretrialSearchSchema,
  pushAnswerSchema,
  queueStatusPushSchema,
  webhookEventSchema,
  webhookRegistrationSchema,
} from '../../app/platform/contract.js';
import { platformPaths } from './http-connector.js';
import { SIGN_HEADERS } from './signing.js';

/**
 * Renders docs/platform-connector.openapi.yaml from the contract's schemas (the reference connector and the simulator
 * use the same ones), so the document cannot drift from the code. `UPDATE_DOCS=1 npx vitest run
 * test/integration/platform-contract.test.ts` writes it.
 */

const SCHEMAS = {
  PlatformAppointment: platformAppointmentSchema,
  PlatformPretrial: platformPretrialSchema,
  PlatformCaseResult: platformCaseResultSchema,
  AppointmentFeed: feedPageSchema(platformAppointmentSchema),
  CaseResultFeed: feedPageSchema(platformCaseResultSchema),
  PretrialSearch: pretrialSearchSchema,
  PretrialList: z.object({ items: z.array(platformPretrialSchema) }),
  CaseStagePush: caseStagePushSchema,
  EvaluationPush: evaluationPushSchema,
  QueueStatusPush: queueStatusPushSchema,
  NoShowPush: noShowPushSchema,
  PushAnswer: pushAnswerSchema,
  PlatformError: platformErrorSchema,
  WebhookRegistration: webhookRegistrationSchema,
  WebhookEvent: webhookEventSchema,
  WebhookAnswer: z.object({
    ok: z.literal(true),
    data: z.object({ applied: z.boolean(), outcome: z.string() }),
  }),
} as const;

const jsonSchema = (s: z.ZodType): Record<string, unknown> => {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
};

const ref = (name: keyof typeof SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });
const json = (name: keyof typeof SCHEMAS) => ({ content: { 'application/json': { schema: ref(name) } } });
const signedHeaders = [
  { $ref: '#/components/parameters/SignApp' },
  { $ref: '#/components/parameters/SignTimestamp' },
  { $ref: '#/components/parameters/SignNonce' },
  { $ref: '#/components/parameters/SignAlg' },
  { $ref: '#/components/parameters/Signature' },
];
const hallCode = { name: 'hallCode', in: 'path', required: true, schema: { type: 'string' }, description: '大厅编码' };
const since = {
  name: 'since',
  in: 'query',
  required: false,
  schema: { type: 'string' },
  description: 'The cursor of the previous page (absent: from the beginning).',
};
const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };

const refusals = {
  '400': {
    description:
      'Not the contract’s shape (or no Idempotency-Key): refused, retried a few times, then a dead letter in the hall.',
    ...json('PlatformError'),
  },
  '401': { description: 'Signature, algorithm or clock wrong.', ...json('PlatformError') },
  '409': { description: 'A replayed nonce.', ...json('PlatformError') },
  '5XX': { description: 'The platform failing: the hall backs off and retries for as long as it takes.' },
};

const push = (summary: string, description: string, schema: keyof typeof SCHEMAS) => ({
  post: {
    summary,
    description,
    parameters: [hallCode, idempotencyKey, ...signedHeaders],
    requestBody: { required: true, ...json(schema) },
    responses: {
      '200': {
        description: 'Recorded — or recorded before under the same Idempotency-Key (`duplicate: true`, nothing new).',
        ...json('PushAnswer'),
      },
      ...refusals,
    },
  },
});

const pull = (summary: string, schema: keyof typeof SCHEMAS) => ({
  get: {
    summary,
    parameters: [hallCode, since, ...signedHeaders],
    responses: {
      '200': { description: 'The records changed after `since`, oldest first, and the next cursor.', ...json(schema) },
      ...refusals,
    },
  },
});

export function connectorOpenApi(): Record<string, unknown> {
  const p = Object.fromEntries(
    Object.entries(platformPaths('HALLCODE')).map(([k, v]) => [k, v.replace('HALLCODE', '{hallCode}')]),
  ) as ReturnType<typeof platformPaths>;
  return {
    openapi: '3.1.0',
    info: {
      title: 'OneDoor platform connector (一门 ↔ 一体化政务服务平台)',
      version: CONTRACT_VERSION,
      description: [
        'What a hall server and the provincial online platform exchange: appointments, pre-reviewed applications (预审) and',
        'results decided in department systems come in (pulled by cursor, and pushed by signed webhooks); case stages',
        '(收件, 受理, 不予受理, 审核, 补齐补正, 挂起, 办结, 出件), 好差评 ratings, the queue status for the visitor’s phone and',
        'no-shows go out from the hall’s outbox, each with an Idempotency-Key the platform records once.',
        '',
        'Signing (both ways: requests, answers, webhooks, the hall’s answers to webhooks): HMAC-SHA256 with a shared key, or',
        'SM2 over SM3 (GM/T 0003, distinguishing identifier 1234567812345678 unless agreed otherwise). A request signs the text',
        '`ONEDOOR-SIGN-1\\nMETHOD\\npath?query\\nappId\\ntimestamp\\nnonce\\nhex(digest(body))`; an answer signs',
        '`ONEDOOR-SIGN-1-ANSWER\\nstatus\\nrequestNonce\\nappId\\ntimestamp\\nnonce\\nhex(digest(body))` (SHA-256, or SM3 with SM2;',
        'timestamp in unix seconds). The receiver refuses a timestamp more than 300 s (configurable) off its clock, a nonce',
        'seen before within that window, and an algorithm other than the configured one. SM2 signatures are r‖s in hex.',
        '',
        'Codes (环节 stage codes, 办件类型, 满意度, 评价渠道, 申请人类型) come from the hall’s code tables and can be',
        'overridden per province (`platform.codes`). Inbound records carry a version: a duplicate or an older version',
        'changes nothing.',
      ].join('\n'),
    },
    paths: {
      [p.webhook]: {
        put: {
          summary: 'Where the platform sends this hall’s webhooks (the hall registers on start)',
          parameters: [hallCode, ...signedHeaders],
          requestBody: { required: true, ...json('WebhookRegistration') },
          responses: { '200': { description: 'Registered' }, ...refusals },
        },
      },
      [p.appointments]: pull(
        'Appointments for the hall’s services (booked, changed, cancelled: each change a new version)',
        'AppointmentFeed',
      ),
      [p.caseResults]: pull(
        'Results decided in department systems (conclude the hall’s case, matched by caseNo or platformRef)',
        'CaseResultFeed',
      ),
      [p.pretrialSearch]: {
        post: {
          summary: 'Pre-reviewed applications by 预审号 or the applicant’s ID number (in the body, never in a URL)',
          parameters: [hallCode, ...signedHeaders],
          requestBody: { required: true, ...json('PretrialSearch') },
          responses: { '200': { description: 'Matching applications', ...json('PretrialList') }, ...refusals },
        },
      },
      [p.caseStages]: push(
        'A case stage (环节)',
        'One per step of a case, in step order per case. The 收件 push carries the applicant in full (applicant.full); every other push masked.',
        'CaseStagePush',
      ),
      [p.evaluations]: push('A 好差评 rating', 'After the stages of its case written before it.', 'EvaluationPush'),
      [p.queueStatus]: push(
        'The queue status for the visitor’s phone',
        'Latest wins: sent at most every few seconds with the hall’s state at sending time; keep the newest by `seq`.',
        'QueueStatusPush',
      ),
      [p.noShows]: push('A booking nobody came for', 'Reported once per appointment.', 'NoShowPush'),
    },
    webhooks: {
      platformEvent: {
        post: {
          summary: 'The platform → the hall: POST to the registered URL (the hall serves /api/platform/webhooks)',
          description:
            'appointment.booked / changed / cancelled, pretrial.ready, case.result. Applied by platform id and version; the hall answers signed.',
          parameters: signedHeaders,
          requestBody: { required: true, ...json('WebhookEvent') },
          responses: {
            '200': {
              description: 'Applied, or a duplicate / older version that changed nothing (applied: false)',
              ...json('WebhookAnswer'),
            },
            '400': { description: 'Not the contract’s shape, or another hall’s record' },
            '401': { description: 'Signature, algorithm or clock wrong' },
            '404': { description: 'The case a result is for is not in this hall' },
            '409': { description: 'A replayed nonce, or a result that contradicts the case’s (for a person to check)' },
          },
        },
      },
    },
    components: {
      parameters: {
        SignApp: {
          name: SIGN_HEADERS.app,
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'Who signs (the hall code, or the platform’s id)',
        },
        SignTimestamp: {
          name: SIGN_HEADERS.timestamp,
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'Unix seconds',
        },
        SignNonce: {
          name: SIGN_HEADERS.nonce,
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'Fresh per request (hex)',
        },
        SignAlg: {
          name: SIGN_HEADERS.alg,
          in: 'header',
          required: true,
          schema: { type: 'string', enum: ['HMAC-SHA256', 'SM2-SM3'] },
        },
        Signature: {
          name: SIGN_HEADERS.signature,
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description: 'Hex: HMAC, or SM2 r‖s',
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: true,
          schema: { type: 'string' },
          description:
            'Stable per record (hallCode:kind:…); the platform records a key once and answers duplicates with duplicate: true.',
        },
      },
      schemas: Object.fromEntries(Object.entries(SCHEMAS).map(([name, s]) => [name, jsonSchema(s)])),
    },
  };
}

// ---------- a small YAML writer for JSON-like data (strings double-quoted, so every value reads back exactly) ----------

const SIMPLE_KEY = /^[A-Za-z_$][A-Za-z0-9_$-]*$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const inline = (v: unknown): string | null => {
  if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isObject(v) && Object.keys(v).length === 0) return '{}';
  return null;
};

export function toYaml(value: unknown, indent = 0): string {
  const pad = '  '.repeat(indent);
  const one = inline(value);
  if (one !== null) return pad + one;
  if (Array.isArray(value))
    return value
      .map((item) => {
        const scalar = inline(item);
        return scalar !== null ? `${pad}- ${scalar}` : `${pad}- ${toYaml(item, indent + 1).trimStart()}`;
      })
      .join('\n');
  return Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => {
      const key = SIMPLE_KEY.test(k) ? k : JSON.stringify(k);
      const scalar = inline(v);
      return scalar !== null ? `${pad}${key}: ${scalar}` : `${pad}${key}:\n${toYaml(v, indent + 1)}`;
    })
    .join('\n');
}

export function renderConnectorOpenApi(): string {
  return `# Generated from hall-server/src/app/platform/contract.ts (UPDATE_DOCS=1 npx vitest run test/integration/platform-contract.test.ts); do not edit by hand.\n${toYaml(connectorOpenApi())}\n`;
}
