/** What the home screen shows, derived from the hall snapshot (pure). */
import type { ServiceView } from '@onedoor/protocol';
import type { BundleConfig, MatterConfig } from './config';
import type { SearchEntry } from './search';

export interface ServiceGroup {
  name: string;
  services: ServiceView[];
}

/** Enabled services grouped by theme/department, groups and services in the hall's sort order. */
export function groupServices(services: readonly ServiceView[]): ServiceGroup[] {
  const groups = new Map<string, ServiceView[]>();
  for (const s of [...services].filter((s) => s.enabled).sort((a, b) => a.sort - b.sort)) {
    const name = s.group || '其他';
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups].map(([name, list]) => ({ name, services: list }));
}

/** Bundles whose service exists and is enabled at this hall. */
export function availableBundles(bundles: readonly BundleConfig[], services: readonly ServiceView[]): BundleConfig[] {
  return bundles.filter((b) => services.some((s) => s.id === b.serviceId && s.enabled));
}

/** Matters per service: from the snapshot when the server sends `matterIds`, else the fallback catalog. */
export function mattersOf(services: readonly ServiceView[], fallback: readonly MatterConfig[]): MatterConfig[] {
  const enabled = new Set(services.filter((s) => s.enabled).map((s) => s.id));
  const fromServer = new Map<string, MatterConfig>();
  for (const s of services) {
    const ids = (s as ServiceView & { matterIds?: unknown }).matterIds;
    if (!s.enabled || !Array.isArray(ids)) continue;
    for (const m of ids) {
      if (typeof m !== 'string' || !m) continue;
      const known = fallback.find((f) => f.name === m);
      const entry = fromServer.get(m) ?? { name: m, nameEn: known?.nameEn ?? m, serviceIds: [] };
      entry.serviceIds.push(s.id);
      fromServer.set(m, entry);
    }
  }
  if (fromServer.size > 0) return [...fromServer.values()];
  return fallback
    .map((m) => ({ ...m, serviceIds: m.serviceIds.filter((id) => enabled.has(id)) }))
    .filter((m) => m.serviceIds.length > 0);
}

export function searchCatalog(
  services: readonly ServiceView[],
  bundles: readonly BundleConfig[],
  matters: readonly MatterConfig[],
): SearchEntry[] {
  return [
    ...services
      .filter((s) => s.enabled)
      .map((s): SearchEntry => ({ kind: 'service', label: s.name, labelEn: s.nameEn || s.name, serviceIds: [s.id] })),
    ...availableBundles(bundles, services).map((b): SearchEntry => ({
      kind: 'bundle',
      label: b.name,
      labelEn: b.nameEn,
      serviceIds: [b.serviceId],
    })),
    ...mattersOf(services, matters).map((m): SearchEntry => ({
      kind: 'matter',
      label: m.name,
      labelEn: m.nameEn,
      serviceIds: m.serviceIds,
    })),
  ];
}

/** The hall takes numbers now when at least one enabled service is open. */
export function hallOpenNow(services: readonly ServiceView[]): boolean {
  return services.some((s) => s.enabled && s.openNow);
}
