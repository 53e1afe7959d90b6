import { request as httpRequest } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Ack, IssuedTicket } from '@onedoor/protocol';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { request, startTestHall, type TestHall } from '../helpers/test-hall.js';

const MB = 1024 * 1024;

interface Upload {
  status: number;
  body: string;
  /** Bytes handed to the socket before the answer came. */
  sent: number;
  /** Whether the whole declared body went out before the answer. */
  complete: boolean;
}

/**
 * Uploads `total` bytes in 64 KB chunks, waiting for each chunk to leave before sending the next, and stops as soon as
 * the server answers: a server that reads the whole body answers only after `complete`.
 */
function upload(url: string, total: number, headers: Record<string, string>, chunked = false): Promise<Upload> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, {
      method: 'POST',
      headers: { ...headers, ...(chunked ? {} : { 'content-length': String(total) }) },
    });
    req.on('response', (res) => {
      answered = true;
      const complete = sent >= total;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, body, sent, complete });
      });
    });
    // The server closing the connection mid-upload is expected once it has answered; a streamed body may see the
    // close (EPIPE) before the answer is parsed: the server stopped reading, status 0.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (answered) return;
      answered = true;
      if (err.code === 'EPIPE' || err.code === 'ECONNRESET') resolve({ status: 0, body: '', sent, complete: false });
      else reject(err);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x41);
    const next = () => {
      if (answered) return;
      if (sent >= total) {
        req.end();
        return;
      }
      const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
      sent += part.length;
      req.write(part, () => setImmediate(next));
    };
    next();
  });
}

describe('limits at the REST edge (issue 12)', () => {
  let hall: TestHall;
  beforeEach(async () => {
    hall = await startTestHall();
  });
  afterEach(async () => {
    await hall.close();
  });

  it('finding 8: an anonymous 19 MB body is refused with 413 before it is read, on any content type', async () => {
    const rssBefore = process.memoryUsage().rss;
    for (const type of ['application/octet-stream', 'application/json']) {
      const r = await upload(`${hall.baseUrl}/api/auth/login`, 19 * MB, { 'content-type': type });
      expect(r.status).toBe(413);
      expect(r.complete).toBe(false);
      const ack = JSON.parse(r.body) as Ack<unknown>;
      expect(ack).toMatchObject({
        ok: false,
        error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/过大/), messageEn: /too large/ },
      });
    }
    // Without a declared length the server stops reading at the limit.
    const streamed = await upload(
      `${hall.baseUrl}/api/devices/pair`,
      19 * MB,
      { 'content-type': 'application/json' },
      true,
    );
    expect([413, 0]).toContain(streamed.status);
    expect(streamed.complete).toBe(false);
    expect(streamed.sent).toBeLessThan(4 * MB);
    // Forty such uploads leave the server's memory where it was (the finding: about 1 GB that stayed).
    const many = await Promise.all(
      Array.from({ length: 40 }, () =>
        upload(`${hall.baseUrl}/api/auth/login`, 19 * MB, { 'content-type': 'application/octet-stream' }),
      ),
    );
    // (Uploading in parallel, a client may see the close before the 413 it was sent: refused either way.)
    expect(many.every((r) => [413, 0].includes(r.status) && !r.complete)).toBe(true);
    expect(many.some((r) => r.status === 413)).toBe(true);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * MB);
  });

  it('finding 8: a large body reaches only the signed-in catalog import', async () => {
    const anonymous = await upload(`${hall.baseUrl}/api/catalog/import`, 19 * MB, {
      'content-type': 'application/octet-stream',
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.complete).toBe(false);

    const token = await hall.login('admin');
    const auth = { authorization: `Bearer ${token}` };
    // A signed-in route other than the import keeps the ordinary limit and takes no raw files.
    const elsewhere = await upload(`${hall.baseUrl}/api/cases`, 3 * MB, {
      ...auth,
      'content-type': 'application/json',
    });
    expect(elsewhere.status).toBe(413);
    expect(elsewhere.complete).toBe(false);
    const rawElsewhere = await upload(`${hall.baseUrl}/api/cases`, 64 * 1024, {
      ...auth,
      'content-type': 'application/octet-stream',
    });
    expect(rawElsewhere.status).toBe(415);
    expect(JSON.parse(rawElsewhere.body)).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/格式/) },
    });

    // The import reads a 3 MB file (not a workbook: refused by the import itself, after reading it all).
    const imported = await upload(`${hall.baseUrl}/api/catalog/import`, 3 * MB, {
      ...auth,
      'content-type': 'application/octet-stream',
    });
    expect(imported.complete).toBe(true);
    expect(imported.status).toBe(400);
    expect(JSON.parse(imported.body)).not.toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('the issue rate of one kiosk (issue 12, finding 9)', () => {
  const production = hallConfigSchema.parse({}).limits.kioskIssue;
  let hall: TestHall;
  let now = Date.parse('2026-03-02T02:00:00Z');
  beforeEach(async () => {
    now = Date.parse('2026-03-02T02:00:00Z');
    hall = await startTestHall({ clock: { now: () => now }, config: { limits: { kioskIssue: production } } });
  });
  afterEach(async () => {
    await hall.close();
  });

  it('finding 9: 500 tickets at once from one kiosk stop after the burst; other kiosks and normal use go on', async () => {
    const token = await hall.deviceToken('kiosk', 'kiosk-flood');
    const kiosk = await hall.connect('/kiosk', { deviceToken: token });
    // A second socket of the same kiosk shares its limit.
    const sameKiosk = await hall.connect('/kiosk', { deviceToken: token });
    const acks = await Promise.all(
      Array.from({ length: 500 }, (_, i) =>
        request<IssuedTicket>(i % 2 ? kiosk : sameKiosk, 'ticket:issue', { serviceId: 'general' }),
      ),
    );
    const issued = acks.filter((a) => a.ok);
    expect(issued).toHaveLength(production.burst);
    const refused = acks.find((a) => !a.ok);
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/本机取号过于频繁/), messageEn: /too fast/ },
    });
    // The flood used none of another kiosk's rate, and the service is still open for it.
    const other = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    expect((await request(other, 'ticket:issue', { serviceId: 'general' })).ok).toBe(true);
    // The flooding kiosk gets one ticket back per 60 / perMinute seconds, like a queue of visitors.
    now += 60_000 / production.perMinute;
    expect((await request(kiosk, 'ticket:issue', { serviceId: 'general' })).ok).toBe(true);
    expect((await request(kiosk, 'ticket:issue', { serviceId: 'general' })).ok).toBe(false);
  });

  it('finding 9: a visitor every ten seconds for an hour is never refused', async () => {
    const kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    for (let i = 0; i < 360; i++) {
      now += 10_000;
      const ack = await request(kiosk, 'ticket:issue', { serviceId: 'general' });
      expect(ack.ok).toBe(true);
    }
  });
});
