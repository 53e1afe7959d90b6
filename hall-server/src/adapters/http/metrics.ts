import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { HallApp } from '../../app/hall-app.js';

/** Prometheus metrics of one hall server (its own registry, so tests can run several). */
export function createMetrics(app: HallApp): Registry {
  const { hall, pipeline } = app;
  const register = new Registry();
  register.setDefaultLabels({ hall: hall.hallId });
  collectDefaultMetrics({ register, eventLoopMonitoringPrecision: 10 });
  const issued = new Counter({
    name: 'onedoor_tickets_issued_total',
    help: 'Tickets issued',
    labelNames: ['service'],
    registers: [register],
  });
  const called = new Counter({
    name: 'onedoor_tickets_called_total',
    help: 'Calls made (recalls included)',
    labelNames: ['service'],
    registers: [register],
  });
  new Gauge({
    name: 'onedoor_tickets_waiting',
    help: 'Tickets waiting now',
    labelNames: ['service'],
    registers: [register],
    collect() {
      for (const s of hall.snapshot().services) this.set({ service: s.id }, s.waiting);
    },
  });
  new Gauge({
    name: 'onedoor_event_seq',
    help: 'Sequence number of the last hall event',
    registers: [register],
    collect() {
      this.set(hall.currentSeq);
    },
  });
  pipeline.onCommitted((event, domainEvents) => {
    for (const e of domainEvents) {
      if (e.type === 'ticket.issued') issued.inc({ service: e.ticket.serviceId });
    }
    if (event.call) called.inc({ service: event.call.serviceId });
  });
  return register;
}
