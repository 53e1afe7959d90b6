import {
  federationStateSchema,
  regionHallViewSchema,
  type FederationRecord,
  type FederationState,
  type RegionHallViewDto,
} from '@onedoor/protocol';
import type {
  FederationSource,
  RegionHallRow,
  RegionStore,
  ReportedRollup,
} from '../../app/federation/federation-ports.js';
import type { RollupFact } from '../../domain/federation/kpi-rollup.js';
import type { HallLedger } from '../../domain/federation/region-ledger.js';
import type { Db } from './database.js';

interface EventRow {
  seq: number;
  type: string;
  at: string;
  business_day: string;
  payload: string;
}

/** The hall's event log read as federation records, and the uplink's watermark (`federation_uplink`). */
export class SqliteFederationSource implements FederationSource {
  constructor(private readonly db: Db) {}

  records(hallId: string, afterSeq: number, upTo: number): FederationRecord[] {
    const rows = this.db
      .prepare('SELECT seq, type, at, business_day, payload FROM events WHERE seq > ? AND seq <= ? ORDER BY seq, idx')
      .all(afterSeq, upTo) as EventRow[];
    const bySeq = new Map<number, FederationRecord>();
    for (const r of rows) {
      let rec = bySeq.get(r.seq);
      if (!rec) bySeq.set(r.seq, (rec = { hallId, seq: r.seq, businessDay: r.business_day, events: [] }));
      rec.events.push({ type: r.type, at: r.at, payload: JSON.parse(r.payload) as unknown });
    }
    // A seq is taken only by a command that committed, but one that wrote no row still has its number: send it empty,
    // so the region does not wait for it forever. Its day is its neighbour's (it counts for nothing).
    const out: FederationRecord[] = [];
    let lastDay = rows[0]?.business_day ?? '1970-01-01';
    for (let seq = afterSeq + 1; seq <= upTo; seq++) {
      const rec = bySeq.get(seq);
      if (rec) lastDay = rec.businessDay;
      out.push(rec ?? { hallId, seq, businessDay: lastDay, events: [] });
    }
    return out;
  }

  dayFacts(businessDay: string): RollupFact[] {
    const rows = this.db
      .prepare('SELECT seq, type, at, business_day, payload FROM events WHERE business_day = ? ORDER BY seq, idx')
      .all(businessDay) as EventRow[];
    return rows.map((r) => ({ type: r.type, at: r.at, businessDay: r.business_day, payload: JSON.parse(r.payload) }));
  }

  ackedSeq(): number {
    return (this.db.prepare('SELECT acked_seq FROM federation_uplink WHERE id = 1').get() as { acked_seq: number })
      .acked_seq;
  }

  setAckedSeq(seq: number): void {
    // Acks may resolve out of order across a reconnect; the watermark only moves forward.
    this.db.prepare('UPDATE federation_uplink SET acked_seq = max(acked_seq, ?) WHERE id = 1').run(seq);
  }
}

interface HallRow {
  hall_id: string;
  contiguous: number;
  ahead: string;
  announced: number;
  online: number;
  last_heard: string | null;
  state: string | null;
}

const hallRow = (r: HallRow): RegionHallRow => {
  const state = r.state ? federationStateSchema.safeParse(JSON.parse(r.state)) : null;
  return {
    hallId: r.hall_id,
    ledger: { contiguous: r.contiguous, ahead: new Set(JSON.parse(r.ahead) as number[]) },
    announced: r.announced,
    online: r.online === 1,
    lastHeard: r.last_heard,
    state: state?.success ? state.data : null,
  };
};

/** The region's ledger, records and reported rollups (`federation_halls`, `federation_records`, `federation_rollups`). */
export class SqliteRegionStore implements RegionStore {
  private readonly insertRecord;
  private readonly saveLedger;

  constructor(private readonly db: Db) {
    this.insertRecord = db.prepare(
      'INSERT INTO federation_records (hall_id, seq, business_day, events, applied_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.saveLedger = db.prepare(
      `INSERT INTO federation_halls (hall_id, contiguous, ahead, announced, last_heard) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (hall_id) DO UPDATE SET contiguous = excluded.contiguous, ahead = excluded.ahead,
         announced = max(announced, excluded.announced), last_heard = excluded.last_heard`,
    );
  }

  hall(hallId: string): RegionHallRow {
    const row = this.db.prepare('SELECT * FROM federation_halls WHERE hall_id = ?').get(hallId) as HallRow | undefined;
    return row
      ? hallRow(row)
      : {
          hallId,
          ledger: { contiguous: 0, ahead: new Set() },
          announced: 0,
          online: false,
          lastHeard: null,
          state: null,
        };
  }

  halls(): RegionHallRow[] {
    return (this.db.prepare('SELECT * FROM federation_halls ORDER BY hall_id').all() as HallRow[]).map(hallRow);
  }

  apply(hallId: string, records: readonly FederationRecord[], ledger: HallLedger, at: string): void {
    this.db.transaction(() => {
      // The primary key (hall_id, seq) refuses a second copy even if the ledger were wrong.
      for (const r of records) this.insertRecord.run(hallId, r.seq, r.businessDay, JSON.stringify(r.events), at);
      const announced = records.reduce((n, r) => Math.max(n, r.seq), 0);
      this.saveLedger.run(
        hallId,
        ledger.contiguous,
        JSON.stringify([...ledger.ahead].sort((a, b) => a - b)),
        announced,
        at,
      );
    })();
  }

  heard(hallId: string, at: string, change: { announced?: number; online?: boolean; state?: FederationState }): void {
    this.db.prepare('INSERT INTO federation_halls (hall_id) VALUES (?) ON CONFLICT DO NOTHING').run(hallId);
    this.db
      .prepare(
        `UPDATE federation_halls SET last_heard = ?, announced = max(announced, coalesce(?, 0)),
         online = coalesce(?, online), state = coalesce(?, state) WHERE hall_id = ?`,
      )
      .run(
        at,
        change.announced ?? null,
        change.online === undefined ? null : change.online ? 1 : 0,
        change.state ? JSON.stringify(change.state) : null,
        hallId,
      );
  }

  saveRollup(r: ReportedRollup, at: string): void {
    this.db
      .prepare(
        `INSERT INTO federation_rollups (hall_id, business_day, via, name, rollup, through_seq, received_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (hall_id, business_day) DO UPDATE SET via = excluded.via, name = excluded.name,
           rollup = excluded.rollup, through_seq = excluded.through_seq, received_at = excluded.received_at`,
      )
      .run(r.hallId, r.rollup.businessDay, r.via, r.name, JSON.stringify(r.rollup), r.throughSeq, at);
  }

  rollups(fromDay: string, toDay: string): ReportedRollup[] {
    const rows = this.db
      .prepare(
        'SELECT hall_id, via, name, rollup, through_seq FROM federation_rollups WHERE business_day BETWEEN ? AND ? ORDER BY hall_id, business_day',
      )
      .all(fromDay, toDay) as {
      hall_id: string;
      via: string;
      name: string;
      rollup: string;
      through_seq: number | null;
    }[];
    return rows.map((r) => ({
      hallId: r.hall_id,
      via: r.via,
      name: r.name,
      rollup: JSON.parse(r.rollup) as ReportedRollup['rollup'],
      throughSeq: r.through_seq,
    }));
  }

  facts(hallId: string, fromDay: string, toDay: string): RollupFact[] {
    const rows = this.db
      .prepare(
        'SELECT business_day, events FROM federation_records WHERE hall_id = ? AND business_day BETWEEN ? AND ? ORDER BY seq',
      )
      .all(hallId, fromDay, toDay) as { business_day: string; events: string }[];
    return rows.flatMap((r) =>
      (JSON.parse(r.events) as { type: string; at: string; payload: unknown }[]).map((e) => ({
        ...e,
        businessDay: r.business_day,
      })),
    );
  }

  saveFurtherHalls(via: string, halls: readonly RegionHallViewDto[], at: string): void {
    const upsert = this.db.prepare(
      `INSERT INTO federation_further_halls (hall_id, via, view, received_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (hall_id) DO UPDATE SET via = excluded.via, view = excluded.view, received_at = excluded.received_at`,
    );
    this.db.transaction(() => {
      for (const h of halls) upsert.run(h.hallId, via, JSON.stringify({ ...h, via }), at);
    })();
  }

  furtherHalls(): { view: RegionHallViewDto; receivedAt: string }[] {
    const rows = this.db.prepare('SELECT view, received_at FROM federation_further_halls ORDER BY hall_id').all() as {
      view: string;
      received_at: string;
    }[];
    return rows.flatMap((r) => {
      const view = regionHallViewSchema.safeParse(JSON.parse(r.view));
      return view.success ? [{ view: view.data, receivedAt: r.received_at }] : [];
    });
  }

  appliedSeqs(hallId: string): number[] {
    return (
      this.db.prepare('SELECT seq FROM federation_records WHERE hall_id = ? ORDER BY seq').all(hallId) as {
        seq: number;
      }[]
    ).map((r) => r.seq);
  }

  days(hallId: string): string[] {
    return (
      this.db
        .prepare('SELECT DISTINCT business_day FROM federation_records WHERE hall_id = ? ORDER BY business_day')
        .all(hallId) as { business_day: string }[]
    ).map((r) => r.business_day);
  }
}
