/**
 * What the federation (四级联通, issue 13) needs from the outside world: the hall's event log read as records, the
 * uplink watermark, the region's ledger and records, and an MQTT connection. Adapters: adapters/db/federation.repository.ts
 * and adapters/mqtt/federation-link.ts; main.ts builds them.
 */
import type { DailyRollupView, FederationRecord, FederationState, RegionHallViewDto } from '@onedoor/protocol';
import type { RollupFact } from '../../domain/federation/kpi-rollup.js';
import type { HallLedger } from '../../domain/federation/region-ledger.js';

/** The hall's event log, read as federation records (one per seq). */
export interface FederationSource {
  /** Records with seq in (afterSeq, upTo], oldest first; a seq without rows comes as a record without events. */
  records(hallId: string, afterSeq: number, upTo: number): FederationRecord[];
  /** Every logged fact of a business day (the rollup's input). */
  dayFacts(businessDay: string): RollupFact[];
  /** How far the uplink broker has acknowledged the records. */
  ackedSeq(): number;
  setAckedSeq(seq: number): void;
}

/** One MQTT connection of the federation, with a persistent session: QoS 1, subscriptions renewed on every connect. */
export interface FederationTransport {
  readonly connected: boolean;
  /** Resolves at the broker's PUBACK (a publish made while offline waits for the reconnect). */
  publish(topic: string, payload: unknown, options?: { retain?: boolean }): Promise<void>;
  onConnect(listener: () => void): void;
  onMessage(listener: (topic: string, payload: Buffer) => void): void;
  start(subscriptions: readonly string[]): void;
  stop(): Promise<void>;
}

/** A hall below the region, as the region's ledger keeps it. */
export interface RegionHallRow {
  hallId: string;
  ledger: HallLedger;
  /** The highest seq the hall announced. */
  announced: number;
  online: boolean;
  lastHeard: string | null;
  state: FederationState | null;
}

export interface ReportedRollup {
  hallId: string;
  name: string;
  /** The hall itself, or the county that reported it. */
  via: string;
  rollup: DailyRollupView;
  throughSeq: number | null;
}

/** The region's ledger and what it applied. */
export interface RegionStore {
  hall(hallId: string): RegionHallRow;
  halls(): RegionHallRow[];
  /**
   * One transaction: the records (new ones of one hall) are stored, the ledger saved and the hall heard at `at`, or
   * none of it (exactly once across restarts). A replay answer's 500 records are one commit, not 500.
   */
  apply(hallId: string, records: readonly FederationRecord[], ledger: HallLedger, at: string): void;
  heard(hallId: string, at: string, change: { announced?: number; online?: boolean; state?: FederationState }): void;
  saveRollup(r: ReportedRollup, at: string): void;
  rollups(fromDay: string, toDay: string): ReportedRollup[];
  /** The facts of the records applied from a hall over [fromDay, toDay]. */
  facts(hallId: string, fromDay: string, toDay: string): RollupFact[];
  /** A county's view of the halls below it, kept per hall (the latest wins). */
  saveFurtherHalls(via: string, halls: readonly RegionHallViewDto[], at: string): void;
  /** Halls below the counties below, as last reported, with when. */
  furtherHalls(): { view: RegionHallViewDto; receivedAt: string }[];
  /** The seqs applied from a hall, ascending (tests and the bench read them). */
  appliedSeqs(hallId: string): number[];
  /** The business days the region has records of, from a hall. */
  days(hallId: string): string[];
}
