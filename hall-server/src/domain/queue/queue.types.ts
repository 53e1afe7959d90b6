import type { WaitingBucket } from './waiting-bucket.js';
import type { PriorityClass, ServiceConfig, TicketSource, TicketStatus, WindowConfig } from '@onedoor/protocol';

/** The hall's queue policy; every number is configurable (see DEFAULT_QUEUE_RULES). */
export interface QueueRules {
  /** normal tickets called between two priority tickets at one window; 0 = priority tickets always first */
  normalPerPriority: number;
  /** a ticket waiting longer than this many minutes is treated as a priority ticket (bounds every wait); 0 = off */
  agingMinutes: number;
  /** recalls allowed after the first call */
  maxRecalls: number;
  /** a no-show can be re-activated within this many minutes */
  reactivateWithinMinutes: number;
  /** a re-activated ticket is placed behind this many waiting people of its service */
  reactivatePlaceBehind: number;
  /** recent service durations kept per service for the wait estimate */
  serviceTimeSamples: number;
}

/** The person a real-name ticket belongs to. Only masked data lives in the queue. */
export interface Holder {
  /** keyed hash of the ID number, computed outside the domain */
  key: string;
  nameMasked: string;
  idMasked: string;
}

/** One visitor's number for one business day, through its whole life (waiting → called → serving → done …). */
export interface Ticket {
  id: string;
  serviceId: string;
  businessDay: string;
  /** numeric part of the number */
  seqNo: number;
  /** 'A001' = prefix + seqNo padded to width (width defaults to the digits of rangeEnd) */
  number: string;
  status: TicketStatus;
  priority: PriorityClass;
  source: TicketSource;
  /** ISO */
  issuedAt: string;
  /** queue position key inside a priority class (epoch ms of queue entry; reactivation/transfer set it) */
  sortKey: number;
  /** epoch ms the ticket last entered waiting (used for aging) */
  enqueuedAt: number;
  calledAt: string | null;
  servingAt: string | null;
  finishedAt: string | null;
  noShowAt: string | null;
  /** window that called/serves it (after a no-show or suspension: the window that did it) */
  windowId: string | null;
  /** transferred to one specific window */
  targetWindowId: string | null;
  clerkId: string | null;
  /** 1 after the first call, +1 per recall */
  callCount: number;
  holder: Holder | null;
  abandonReason: string | null;
}

/** The live state of a window; every change travels as a window.changed event carrying the whole runtime. */
export interface WindowRuntime {
  windowId: string;
  state: 'open' | 'paused' | 'closed';
  pauseReason: string | null;
  clerkId: string | null;
  clerkName: string | null;
  currentTicketId: string | null;
  /** normal tickets called since the last priority ticket at this window (for interleaving) */
  normalsSincePriority: number;
  /** When the window entered its state (opened, paused, closed): the floor view's "暂停 12 分钟"; null when unknown. */
  stateSince: string | null;
}

/** Everything the queue rules need, for one business day. Only commitChanges mutates it. */
export interface QueueState {
  businessDay: string;
  rules: QueueRules;
  services: Map<string, ServiceConfig>;
  windows: Map<string, { config: WindowConfig; runtime: WindowRuntime }>;
  /** the current business day's tickets (all statuses) */
  tickets: Map<string, Ticket>;
  /** serviceId → last seqNo issued today */
  lastNumber: Map<string, number>;
  /** serviceId → recent service durations in minutes (newest last) */
  serviceMinutes: Map<string, number[]>;
  /** Derived from `tickets`, kept in step by commitChanges (see queue.index.ts). */
  index: TicketIndex;
}

/** What the hot paths ask of the day's tickets without walking all of them. */
export interface TicketIndex {
  /** tickets still in the hall's hands (ACTIVE_STATUSES): what ordering, estimates and snapshots look at */
  active: Map<string, Ticket>;
  /** serviceId → today's tickets per status */
  counts: Map<string, Record<TicketStatus, number>>;
  /** holder key → ids of that person's tickets today (the per-person daily limit) */
  byHolder: Map<string, Set<string>>;
  /** serviceId → its waiting tickets not transferred to one window */
  waiting: Map<string, WaitingBucket>;
  /** windowId → waiting tickets transferred to that window */
  targeted: Map<string, WaitingBucket>;
}

/** What the domain gets from outside instead of reading clocks or random sources itself. */
export interface DomainContext {
  /** epoch ms */
  now: number;
  newId: () => string;
  /** IANA zone of the hall, e.g. Asia/Shanghai */
  timeZone: string;
}

/** The new versions of everything a batch of events touched: each entity at most once, in its final version. */
export interface QueueChanges {
  tickets: Ticket[];
  windows: WindowRuntime[];
  /** lastNumber per service for the business day in force after the events */
  counters: { serviceId: string; lastNumber: number }[];
  serviceMinutes: { serviceId: string; samples: number[] }[];
  /** the new business day, when the events reset the day; else null */
  businessDay: string | null;
}
