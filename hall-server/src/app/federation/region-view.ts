import type { FederationState } from '@onedoor/protocol';
import { combineRollups, rollupPeriod, type PeriodRollup } from '../../domain/federation/kpi-rollup.js';
import type { Clock } from '../ports.js';
import type { RegionStore } from './federation-ports.js';

/** One hall below the region as the region view shows it. */
export interface RegionHallView {
  hallId: string;
  name: string;
  /** The hall itself when it is directly below, else the county its KPIs climbed through. */
  via: string;
  online: boolean;
  lastHeard: string | null;
  /** Seconds since the hall was last heard; null when never. */
  silentSeconds: number | null;
  /** Records the hall announced that the region has not applied yet. */
  lagRecords: number;
  waiting: number | null;
  openWindows: number | null;
  windows: number | null;
  alarms: FederationState['alarms'];
}

export interface RegionKpiRow {
  hallId: string;
  name: string;
  via: string;
  kpis: PeriodRollup;
}

/**
 * What a region manager reads: every hall below with its link and live state, and the KPIs compared across halls for
 * a period. The KPIs of a hall directly below are recounted from its applied records (the same function as the hall's
 * own rollup); those of a hall further down come from its county's reports.
 */
export class RegionView {
  constructor(
    private readonly deps: {
      halls: readonly { id: string; name: string }[];
      store: RegionStore;
      clock: Clock;
    },
  ) {}

  halls(): RegionHallView[] {
    const now = this.deps.clock.now();
    const direct = this.deps.halls.map((h): RegionHallView => {
      const row = this.deps.store.hall(h.id);
      const applied = row.ledger.contiguous + row.ledger.ahead.size;
      return {
        hallId: h.id,
        name: h.name,
        via: h.id,
        online: row.online,
        lastHeard: row.lastHeard,
        silentSeconds: row.lastHeard ? Math.max(0, Math.round((now - Date.parse(row.lastHeard)) / 1000)) : null,
        lagRecords: Math.max(0, row.announced - applied),
        waiting: row.state?.waiting ?? null,
        openWindows: row.state ? row.state.windows.filter((w) => w.state !== 'closed').length : null,
        windows: row.state?.windows.length ?? null,
        alarms: row.state?.alarms ?? [],
      };
    });
    return direct;
  }

  kpis(fromDay: string, toDay: string): RegionKpiRow[] {
    const { store, halls } = this.deps;
    const known = new Set(halls.map((h) => h.id));
    const rows: RegionKpiRow[] = halls.map((h) => ({
      hallId: h.id,
      name: h.name,
      via: h.id,
      kpis: rollupPeriod(fromDay, toDay, store.facts(h.id, fromDay, toDay)),
    }));
    const further = new Map<
      string,
      { name: string; via: string; days: Parameters<typeof combineRollups>[2][number][] }
    >();
    for (const r of store.rollups(fromDay, toDay)) {
      if (known.has(r.hallId)) continue;
      const entry = further.get(r.hallId) ?? { name: r.name, via: r.via, days: [] };
      entry.days.push(r.rollup);
      further.set(r.hallId, entry);
    }
    for (const [hallId, e] of further)
      rows.push({ hallId, name: e.name, via: e.via, kpis: combineRollups(fromDay, toDay, e.days) });
    return rows;
  }
}
