import type { FastifyInstance } from 'fastify';
import type { HallApp } from '../../../app/hall-app.js';
import { pageLang, renderLive, renderTicketPage } from './ticket-page.js';
import { ticketProgress } from './ticket-progress.js';

/**
 * `GET /t/:id` — the page a ticket's QR code opens (public: it shows the number and masked data only, like a board);
 * `?lang=en|zh`, `?part=live` for the part the page refreshes by itself. An unknown ticket gets a 404 page in words.
 */
export function registerTicketPage(app: FastifyInstance, hallApp: HallApp): void {
  const { hall, config } = hallApp;
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
      return query.part === 'live' ? renderLive(progress, lang) : renderTicketPage(progress, lang, id);
    },
  );
}
