import type { HallConfig } from '../../config/config.schema.js';
import type { CommandPipeline } from '../pipeline.js';
import type { AppointmentStore, Clock, IdGenerator, Logger, PersonalDataVault, QueueStore } from '../ports.js';
import type { HallMemory } from './hall-memory.js';

/** What the queue's use cases share. */
export interface QueueContext {
  config: HallConfig;
  memory: HallMemory;
  pipeline: CommandPipeline;
  queue: QueueStore;
  appointments: AppointmentStore;
  vault: PersonalDataVault;
  clock: Clock;
  ids: IdGenerator;
  log: Logger;
}
