import type { FastifyInstance } from 'fastify';
import { evaluationReasonSchema, validationError } from '@onedoor/protocol';

import type { HallApp } from '../../../app/hall-app.js';
import { pageLang, renderLive, renderTicketPage } from './ticket-page.js';
import { ticketProgress } from './ticket-progress.js';

/**
 * `GET /t/:id` — the page a ticket's QR code opens (public: it shows the number and masked data only, like a board);
 * `?lang=en|zh`, `?part=live` for the part the page refreshes by itself. An unknown ticket gets a 404 page in words.
 */
export function registerTicketPage(app: FastifyInstance, hallApp: HallApp): void {
  const { hall, config, ratings } = hallApp;
  /** A 差评 of this ticket still without its reason: the page asks the visitor for one. */
  const reasonAsked = (ticketId: string) => {
    const rated = ratings.list({ ticketId })[0];
    return rated && rated.level <= 2 && rated.reason === null ? { levelText: rated.levelText } : null;
  };
  app.get(
    '/t/:id',
    {
      schema: {
        summary: 'Public ticket progress page (the QR code on the ticket)',
        querystring: {
          type: 'object',
          properties: { lang: { type: 'string', enum: ['zh', 'en'] }, part: { type: 'string', enum: ['live'] } },
        },
      },
    },
    (req, reply) => {
      const { id } = req.params as { id: string };
      const query = req.query as { lang?: unknown; part?: unknown };
      const lang = pageLang(query.lang, req.headers['accept-language']);
      const ticket = hall.ticketView(id);
      const progress = ticketProgress({
        ticket,
        snapshot: hall.snapshot(),
        peopleAhead: ticket ? hall.peopleAhead(ticket.id) : null,
        reactivateWithinMinutes: config.queue.reactivateWithinMinutes,
      });
      reply
        .code(ticket ? 200 : 404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('vary', 'accept-language');
      return query.part === 'live'
        ? renderLive(progress, lang)
        : renderTicketPage(progress, lang, id, ticket?.status === 'done' ? reasonAsked(id) : null);
    },
  );

  // The visitor's reason for a 差评, from their phone: whoever holds the ticket's link is the visitor it was given to.
  app.post(
    '/t/:id/reason',
    { bodyLimit: 2048, schema: { summary: "A 差评's reason from the visitor's phone" } },
    async (req, reply) => {
      const { id } = req.params as { id: string };
      const body = evaluationReasonSchema.safeParse(req.body);
      if (!body.success) return reply.code(400).send({ ok: false, error: validationError(body.error) });
      const done = await ratings.giveReason(id, body.data.reason, { kind: 'system', reason: 'visitor-phone' });
      if (!done.ok)
        return reply.code(done.error.code === 'NOT_FOUND' ? 404 : 409).send({ ok: false, error: done.error });
      return { ok: true, data: { reason: done.value.reason } };
    },
  );
}
