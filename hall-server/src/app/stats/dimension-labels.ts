import type { StatsDimension } from '@onedoor/protocol';
import type { QueueState } from '../../domain/queue/queue.types.js';
import type { CatalogStore, StaffStore } from '../ports.js';

/** The names the hall gives the ids a breakdown is cut by: what a manager reads in the table instead of w03. */
export function dimensionLabels(deps: {
  queueState: () => QueueState;
  staff: Pick<StaffStore, 'listStaff'>;
  catalog: Pick<CatalogStore, 'departments' | 'allMatterVersions'>;
}): (by: StatsDimension) => ReadonlyMap<string, string> {
  return (by) => {
    switch (by) {
      case 'service':
        return new Map([...deps.queueState().services.values()].map((s) => [s.id, s.name]));
      case 'window':
        return new Map([...deps.queueState().windows.values()].map((w) => [w.config.id, w.config.name]));
      case 'clerk':
        return new Map(deps.staff.listStaff().map((s) => [s.id, s.name]));
      case 'department':
        return new Map(deps.catalog.departments().map((d) => [d.id, d.name]));
      // Versions come oldest first: a renamed matter is labelled by its latest name.
      case 'matter':
        return new Map(deps.catalog.allMatterVersions().map((m) => [m.id, m.name]));
    }
  };
}
