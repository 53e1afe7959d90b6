import {
  federationTopics,
  federationUpSchemas,
  MAX_REPLAY_RECORDS,
  parseFederationUpTopic,
  type FederationRecord,
} from '@onedoor/protocol';
import { missing, offer } from '../../domain/federation/region-ledger.js';
import type { Clock, Logger } from '../ports.js';
import type { FederationTransport, RegionStore } from './federation-ports.js';

export interface RegionDeps {
  /** This region's own hall id (a county's uplink carries it; its halls' rollups climb under it). */
  regionId: string;
  /** The halls directly below: nobody else is listened to. */
  halls: readonly { id: string; name: string }[];
  store: RegionStore;
  transport: FederationTransport;
  clock: Clock;
  log: Logger;
  replayTimeoutMs: number;
  /** Hears every record applied (a county's uplink, the bench). */
  onApplied?: (record: FederationRecord) => void;
  /** Hears the days of KPIs a county below reported (a county above it passes them on). */
  onAreaRollup?: (businessDays: readonly string[]) => void;
}

/** Why a message from below was not taken: counted, and logged once per hall and reason. */
export type RefusalReason = 'unknown-hall' | 'id-mismatch' | 'malformed';

/**
 * The region's side of 四级联通 (a county or a city): listens to the halls below on its downlink broker, applies each
 * hall's records exactly once by (hall id, seq) — the ledger and the record saved in one transaction — notices gaps
 * (a record ahead of the ledger, or a state announcing a higher seq) and asks that hall for the missing range until
 * it has it all. A message under one hall's topic that names another hall, or from a hall not in the region, is
 * refused (the broker's ACL refuses it first; this is the second lock).
 */
export class Region {
  private readonly known: Map<string, string>;
  /** hall → the outstanding request (asked at, up to which seq). */
  private readonly asked = new Map<string, { at: number; to: number }>();
  private readonly refusals = new Map<RefusalReason, number>();
  private readonly loggedRefusals = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private requestNo = 0;
  /** Records received and not yet applied (until the next turn of the event loop). */
  private readonly arrived = new Map<string, FederationRecord[]>();
  private flushSoon: NodeJS.Immediate | null = null;
  private stopped = false;

  constructor(private readonly deps: RegionDeps) {
    this.known = new Map(deps.halls.map((h) => [h.id, h.name]));
  }

  get halls(): readonly { id: string; name: string }[] {
    return this.deps.halls;
  }

  /** Replay requests sent so far (each gap asks at least once). */
  get replayRequests(): number {
    return this.requestNo;
  }

  refused(reason: RefusalReason): number {
    return this.refusals.get(reason) ?? 0;
  }

  start(): void {
    const { transport } = this.deps;
    transport.onMessage((topic, payload) => this.receive(topic, payload));
    transport.onConnect(() => this.checkAll());
    transport.start(this.deps.halls.map((h) => federationTopics.upAll(h.id)));
    // A request lost with a broker is asked again: every hall's gaps are looked at on a timer until closed.
    this.timer = setInterval(() => this.checkAll(), Math.max(50, Math.floor(this.deps.replayTimeoutMs / 2)));
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.deps.transport.stop();
    // What arrived before the link closed is applied now, before the database may close.
    if (this.flushSoon) clearImmediate(this.flushSoon);
    this.flush();
    this.stopped = true;
  }

  /** Applies the records that arrived since the last flush, hall by hall, then looks at each hall's gaps. */
  private flush(): void {
    this.flushSoon = null;
    if (this.stopped) return;
    const at = this.now();
    const batches = [...this.arrived];
    this.arrived.clear();
    for (const [hallId, records] of batches) {
      try {
        // A duplicate applies nothing, but the hall was heard.
        if (!this.apply(hallId, records, at)) this.deps.store.heard(hallId, at, {});
      } catch (err) {
        // Nothing was applied (one transaction); the gap check asks for these records again.
        this.deps.log.error({ err, hallId }, '下级大厅记录未能写入 / records from below could not be stored');
      }
      this.check(hallId);
    }
  }

  /** One message from the broker: parsed, checked against the topic's hall, then applied. */
  receive(topic: string, payload: Buffer): void {
    const parsed = parseFederationUpTopic(topic);
    if (!parsed) return;
    const { hallId, kind } = parsed;
    if (!this.known.has(hallId)) return this.refuse('unknown-hall', hallId);
    let json: unknown;
    try {
      json = JSON.parse(payload.toString());
    } catch {
      return this.refuse('malformed', hallId);
    }
    const at = this.now();
    const { store } = this.deps;
    // Each kind by its own schema; every payload names its hall, and it must be the topic's.
    const take = <T extends { hallId: string }>(r: { success: true; data: T } | { success: false }): T | null => {
      if (!r.success) return (this.refuse('malformed', hallId), null);
      if (r.data.hallId !== hallId) return (this.refuse('id-mismatch', hallId), null);
      return r.data;
    };
    switch (kind) {
      case 'record': {
        const record = take(federationUpSchemas.record.safeParse(json));
        if (!record) return;
        // Records that arrive together (one read from the socket) are applied together: one commit per hall.
        const waiting = this.arrived.get(hallId);
        if (waiting) waiting.push(record);
        else this.arrived.set(hallId, [record]);
        this.flushSoon ??= setImmediate(() => this.flush());
        return;
      }
      case 'replay': {
        const answer = take(federationUpSchemas.replay.safeParse(json));
        if (!answer) return;
        if (answer.records.some((r) => r.hallId !== hallId)) return this.refuse('id-mismatch', hallId);
        if (!this.apply(hallId, answer.records, at)) store.heard(hallId, at, {});
        this.asked.delete(hallId);
        break;
      }
      case 'state': {
        const state = take(federationUpSchemas.state.safeParse(json));
        if (!state) return;
        store.heard(hallId, at, { state, announced: state.lastSeq, online: true });
        break;
      }
      case 'link': {
        const link = take(federationUpSchemas.link.safeParse(json));
        if (!link) return;
        store.heard(hallId, at, { online: link.online });
        break;
      }
      case 'rollup': {
        const r = take(federationUpSchemas.rollup.safeParse(json));
        if (!r) return;
        const name = this.known.get(hallId) ?? hallId;
        store.saveRollup({ hallId, name, via: hallId, rollup: r.rollup, throughSeq: r.throughSeq }, at);
        break;
      }
      case 'area-rollup': {
        // A county's halls climb under the county: they are not ours to listen to, but their KPIs are ours to show.
        const area = take(federationUpSchemas['area-rollup'].safeParse(json));
        if (!area) return;
        store.saveFurtherHalls(
          hallId,
          area.halls.filter((h) => !this.known.has(h.hallId)),
          at,
        );
        const further = area.rollups.filter((r) => !this.known.has(r.hallId));
        for (const r of further)
          store.saveRollup({ hallId: r.hallId, name: r.name, via: hallId, rollup: r.rollup, throughSeq: null }, at);
        this.deps.onAreaRollup?.([...new Set(further.map((r) => r.rollup.businessDay))]);
        break;
      }
    }
    this.check(hallId);
  }

  /**
   * Exactly once: the ledger says which records are new; those are stored with the new ledger in one transaction.
   * Answers whether any was new.
   */
  private apply(hallId: string, records: readonly FederationRecord[], at: string): boolean {
    const { store } = this.deps;
    let ledger = store.hall(hallId).ledger;
    const fresh: FederationRecord[] = [];
    for (const r of records) {
      const o = offer(ledger, r.seq);
      if (!o.apply) continue;
      ledger = o.ledger;
      fresh.push(r);
    }
    if (fresh.length === 0) return false;
    store.apply(hallId, fresh, ledger, at);
    for (const r of fresh) this.deps.onApplied?.(r);
    return true;
  }

  /** Asks a hall for its first missing range, unless a request for it is still fresh. */
  private check(hallId: string): void {
    const { store, transport, clock } = this.deps;
    const row = store.hall(hallId);
    const gaps = missing(row.ledger, row.announced);
    if (gaps.length === 0) {
      this.asked.delete(hallId);
      return;
    }
    const pending = this.asked.get(hallId);
    if (pending && clock.now() - pending.at < this.deps.replayTimeoutMs) return;
    if (!transport.connected) return;
    const first = gaps[0]!;
    const to = Math.min(first.to, first.from + MAX_REPLAY_RECORDS - 1);
    const requestId = `${this.deps.regionId}-${++this.requestNo}`;
    this.asked.set(hallId, { at: clock.now(), to });
    transport
      .publish(federationTopics.replayRequest(hallId), { requestId, from: first.from, to })
      .catch((err: Error) => this.deps.log.warn({ err: err.message, hallId }, 'replay request not sent'));
  }

  private checkAll(): void {
    for (const h of this.deps.halls) this.check(h.id);
  }

  private refuse(reason: RefusalReason, hallId: string): void {
    this.refusals.set(reason, this.refused(reason) + 1);
    const key = `${reason}:${hallId}`;
    if (this.loggedRefusals.has(key)) return;
    this.loggedRefusals.add(key);
    this.deps.log.warn(
      { hallId, reason },
      '拒收下级大厅消息（编号不符或不在本区域） / refused a message from below (wrong or unknown hall id)',
    );
  }

  private now(): string {
    return new Date(this.deps.clock.now()).toISOString();
  }
}
