import { federationTopics, type FederationAreaRollup, type FederationRecord } from '@onedoor/protocol';
import { rollupDay } from '../../domain/federation/kpi-rollup.js';
import type { HallApp } from '../hall-app.js';
import type { Spreadsheets } from '../ports.js';
import type { FederationSource, FederationTransport, RegionStore } from './federation-ports.js';
import { HallUplink } from './hall-uplink.js';
import { Region } from './region.js';
import { RegionView } from './region-view.js';

export interface FederationPorts {
  source: FederationSource;
  regionStore: RegionStore;
  /** To the level above (config federation.uplink), when there is one. */
  uplink: FederationTransport | null;
  /** Where the halls below publish (config federation.downlink), for a county or city. */
  downlink: FederationTransport | null;
  spreadsheets: Spreadsheets;
}

/** The hall's part in 四级联通: its uplink, and for a county or city the region and its view. */
export interface Federation {
  uplink: HallUplink | null;
  region: Region | null;
  view: RegionView | null;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Wires the federation over the hall's use cases (issue 13). A county is both: a region over its halls and, through
 * its uplink, a hall below its city — its own records climb, and so do the KPIs of its halls (area rollups).
 */
export function createFederation(app: HallApp, ports: FederationPorts): Federation {
  const { config, clock, log, pipeline, hall } = app;
  const f = config.federation;
  const uplink = ports.uplink
    ? new HallUplink({
        hallId: config.hall.id,
        hallName: config.hall.name,
        role: f.role,
        source: ports.source,
        transport: ports.uplink,
        currentSeq: () => pipeline.currentSeq,
        snapshot: () => hall.snapshot(),
        openAlarms: () =>
          app.alarms.list().open.map((a) => ({
            kind: a.kind,
            severity: a.severity,
            message: a.message,
            messageEn: a.messageEn,
            raisedAt: a.raisedAt,
          })),
        clock,
        log,
        stateIntervalMs: f.stateIntervalMs,
        heartbeatMs: f.heartbeatSeconds * 1000,
        rollupIntervalMs: f.rollupIntervalMs,
      })
    : null;
  if (uplink) pipeline.onCommitted(() => uplink.changed());

  // A county tells its city the KPIs of its halls for the days their records touched, at most every rollupIntervalMs.
  const dirtyDays = new Set<string>();
  let areaTimer: NodeJS.Timeout | null = null;
  let areaBeat: NodeJS.Timeout | null = null;
  const publishArea = () => {
    areaTimer = null;
    if (!ports.uplink) return;
    if (!ports.uplink.connected) {
      areaTimer = setTimeout(publishArea, f.rollupIntervalMs);
      return;
    }
    for (const day of [...dirtyDays]) {
      dirtyDays.delete(day);
      const direct = f.halls.map((h) => ({
        hallId: h.id,
        name: h.name,
        rollup: rollupDay(day, ports.regionStore.facts(h.id, day, day)),
      }));
      const further = ports.regionStore
        .rollups(day, day)
        .filter((r) => !f.halls.some((h) => h.id === r.hallId))
        .map((r) => ({ hallId: r.hallId, name: r.name, rollup: r.rollup }));
      const area: FederationAreaRollup = {
        hallId: config.hall.id,
        rollups: [...direct, ...further],
        halls: view?.halls() ?? [],
      };
      ports.uplink.publish(federationTopics.up(config.hall.id, 'area-rollup'), area).catch(() => dirtyDays.add(day));
    }
  };
  const markDirty = (days: readonly string[]) => {
    if (!uplink || days.length === 0) return;
    for (const d of days) dirtyDays.add(d);
    areaTimer ??= setTimeout(publishArea, f.rollupIntervalMs);
  };
  const onApplied = (record: FederationRecord) => markDirty([record.businessDay]);

  const region =
    f.role !== 'hall' && ports.downlink
      ? new Region({
          regionId: config.hall.id,
          halls: f.halls,
          store: ports.regionStore,
          transport: ports.downlink,
          clock,
          log,
          replayTimeoutMs: f.replayTimeoutMs,
          onApplied,
          onAreaRollup: markDirty,
        })
      : null;
  const view = region
    ? new RegionView({
        regionId: config.hall.id,
        role: f.role,
        halls: f.halls,
        store: ports.regionStore,
        spreadsheets: ports.spreadsheets,
        clock,
      })
    : null;
  return {
    uplink,
    region,
    view,
    start() {
      uplink?.start();
      region?.start();
      // Like a hall's own rollup, a county's area rollup of today is sent again with the heartbeat (a bridge may drop it).
      if (uplink && region) {
        areaBeat = setInterval(() => markDirty([hall.snapshot().businessDay]), f.heartbeatSeconds * 1000);
        areaBeat.unref();
      }
    },
    async stop() {
      if (areaTimer) clearTimeout(areaTimer);
      if (areaBeat) clearInterval(areaBeat);
      await region?.stop();
      await uplink?.stop();
    },
  };
}
