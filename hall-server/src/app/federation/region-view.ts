import type { FederationRole, FederationState, RegionOverview } from '@onedoor/protocol';
import type { Cell } from '../../domain/catalog/catalog.sheets.js';
import { combineRollups, rollupPeriod, type PeriodRollup } from '../../domain/federation/kpi-rollup.js';
import type { Clock, Spreadsheets } from '../ports.js';
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
      regionId: string;
      role: FederationRole;
      halls: readonly { id: string; name: string }[];
      store: RegionStore;
      spreadsheets: Spreadsheets;
      clock: Clock;
    },
  ) {}

  overview(): RegionOverview {
    const { regionId, role, clock } = this.deps;
    return { regionId, role, at: new Date(clock.now()).toISOString(), halls: this.halls() };
  }

  /** The KPIs of a period as a workbook: one row per hall, the columns of the console's table. */
  async xlsx(fromDay: string, toDay: string): Promise<Buffer> {
    const dash = (v: number | null): Cell => v ?? '—';
    const rows: Cell[][] = [
      [
        '大厅编号 Hall id',
        '大厅 Hall',
        '上报经由 Via',
        '取号 Issued',
        '办结 Served',
        '过号 No-shows',
        '平均等候(分) Avg wait (min)',
        'P90 等候(分) P90 wait (min)',
        '好评 Good',
        '差评 Bad',
        '受理 Cases accepted',
        '办结件 Cases finished',
      ],
      ...this.kpis(fromDay, toDay).map((r) => [
        r.hallId,
        r.name,
        r.via,
        r.kpis.ticketsIssued,
        r.kpis.ticketsServed,
        r.kpis.noShows,
        dash(r.kpis.avgWaitMinutes),
        dash(r.kpis.p90WaitMinutes),
        r.kpis.evaluationsGood,
        r.kpis.evaluationsBad,
        r.kpis.casesAccepted,
        r.kpis.casesFinished,
      ]),
    ];
    return this.deps.spreadsheets.write({
      creator: 'OneDoor',
      createdAt: this.deps.clock.now(),
      readme: {
        name: '说明',
        lines: [
          `区域 ${this.deps.regionId} 各大厅指标 ${fromDay} ~ ${toDay}`,
          `KPIs of the halls of ${this.deps.regionId}, ${fromDay} to ${toDay}`,
        ],
      },
      sheets: { 各大厅指标: rows },
    });
  }

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
    // Further down: as their county last told us; silent since then as far as we know, offline if the county is.
    const online = new Map(direct.map((h) => [h.hallId, h.online]));
    const further = this.deps.store
      .furtherHalls()
      .filter(({ view }) => !online.has(view.hallId))
      .map(({ view, receivedAt }): RegionHallView => {
        // Heard by its county at lastHeard; if the county never said, as old as the report.
        const heard = Date.parse(view.lastHeard ?? receivedAt);
        return {
          ...view,
          online: view.online && (online.get(view.via) ?? false),
          silentSeconds: view.lastHeard === null ? null : Math.max(0, Math.round((now - heard) / 1000)),
        };
      });
    return [...direct, ...further];
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
