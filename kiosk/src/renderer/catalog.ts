/** What the home screen shows, derived from the hall snapshot (pure). */
import type { KioskBundle, ServiceView } from '@onedoor/protocol';
import type { MatterConfig } from './config';
import { groupNameEn } from './i18n';
import type { SearchEntry } from './search';
import type { Lang } from './visit-flow';

export interface ServiceGroup {
  name: string;
  /** The heading in English: the hall's own (ServiceView.groupEn), else the kiosk's word for a common group. */
  nameEn: string;
  services: ServiceView[];
}

/** Enabled services grouped by theme/department, groups and services in the hall's sort order. */
export function groupServices(services: readonly ServiceView[]): ServiceGroup[] {
  const groups = new Map<string, ServiceView[]>();
  for (const s of [...services].filter((s) => s.enabled).sort((a, b) => a.sort - b.sort)) {
    const name = s.group || '其他';
    groups.set(name, [...(groups.get(name) ?? []), s]);
  }
  return [...groups].map(([name, list]) => ({
    name,
    nameEn: list.find((s) => s.groupEn)?.groupEn || groupNameEn(name),
    services: list,
  }));
}

/** A service's opening hours in the visitor's language (an older server sends Chinese only). */
export function hoursOf(service: ServiceView, lang: Lang): string {
  const h = lang === 'en' && typeof service.hoursTextEn === 'string' ? service.hoursTextEn : service.hoursText;
  return typeof h === 'string' ? h.trim() : '';
}

/** Bundles whose service exists and is enabled at this hall. */
export function availableBundles(bundles: readonly KioskBundle[], services: readonly ServiceView[]): KioskBundle[] {
  return bundles.filter((b) => services.some((s) => s.id === b.serviceId && s.enabled));
}

/**
 * Matters (事项) per service: from the snapshot (`ServiceView.matters`) when the server sends them; a server from
 * before that field gets the fallback catalog, limited to the services it has. English names come from the fallback
 * list when it knows the matter.
 */
/** A service as any hall server sends it: those from before `ServiceView.matters` leave it out. */
export type ServiceFromAnyServer = Omit<ServiceView, 'matters'> & Partial<Pick<ServiceView, 'matters'>>;

export function mattersOf(
  services: readonly ServiceFromAnyServer[],
  fallback: readonly MatterConfig[],
): MatterConfig[] {
  const enabled = new Set(services.filter((s) => s.enabled).map((s) => s.id));
  const serverSends = services.some((s) => Array.isArray(s.matters));
  if (!serverSends) {
    return fallback
      .map((m) => ({ ...m, serviceIds: m.serviceIds.filter((id) => enabled.has(id)) }))
      .filter((m) => m.serviceIds.length > 0);
  }
  const fromServer = new Map<string, MatterConfig>();
  for (const s of services) {
    if (!s.enabled || !Array.isArray(s.matters)) continue;
    for (const raw of s.matters) {
      const m = typeof raw === 'string' ? raw.trim() : '';
      if (!m) continue;
      const known = fallback.find((f) => f.name === m);
      const entry = fromServer.get(m) ?? { name: m, nameEn: known?.nameEn ?? m, serviceIds: [] };
      if (!entry.serviceIds.includes(s.id)) entry.serviceIds.push(s.id);
      fromServer.set(m, entry);
    }
  }
  return [...fromServer.values()];
}

export function searchCatalog(
  services: readonly ServiceView[],
  bundles: readonly KioskBundle[],
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

/**
 * The opening hours most services share (shown once in the notice), or '' when none is given. Services with other
 * hours show theirs on their own tile.
 */
export function commonHours(services: readonly ServiceView[], lang: Lang = 'zh'): string {
  const count = new Map<string, number>();
  for (const s of services) {
    const h = s.enabled ? hoursOf(s, lang) : '';
    if (h) count.set(h, (count.get(h) ?? 0) + 1);
  }
  let best = '';
  let most = 0;
  for (const [h, n] of count) {
    if (n > most) {
      best = h;
      most = n;
    }
  }
  return best;
}

/** The hours line for one service's tile: its own hours when they differ from the hall's, or when it is closed now. */
export function tileHours(service: ServiceView, common: string, lang: Lang = 'zh'): string {
  const h = hoursOf(service, lang);
  if (!h) return '';
  return h !== common || !service.openNow ? h : '';
}
