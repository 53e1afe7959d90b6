import type { CaseStore, EvaluationStore, HallStores, QueueStore } from '../ports.js';
import type { OutboxRecorder } from './outbox-recorder.js';

/**
 * The hall's stores with the platform outbox written beside them: every case step, every rating and every change of
 * the queue also writes its outbox record, in the same call and so in the same transaction as the change — if either
 * fails, the command is undone and nothing was told to anyone. The use cases do not know the platform exists.
 */
export function recordingStores(
  stores: HallStores,
  recorder: OutboxRecorder,
  onCaseInserted: (caseId: string, platformRef: string | null) => void,
): HallStores {
  const cases = decorate<CaseStore>(stores.cases, {
    appendStep(step, eventSeq) {
      const stepNo = stores.cases.appendStep(step, eventSeq);
      recorder.caseStep({ ...step, stepNo }, eventSeq);
      return stepNo;
    },
    insertCase(c, personal, at) {
      stores.cases.insertCase(c, personal, at);
      onCaseInserted(c.id, c.platformRef);
    },
  });
  const evaluations = decorate<EvaluationStore>(stores.evaluations, {
    recordOnce(e) {
      const recorded = stores.evaluations.recordOnce(e);
      if (recorded) recorder.rating(e);
      return recorded;
    },
  });
  const queue = decorate<QueueStore>(stores.queue, {
    saveChanges(changes, businessDay) {
      stores.queue.saveChanges(changes, businessDay);
      recorder.queueChanged();
    },
  });
  return { ...stores, cases, evaluations, queue };
}

/** `inner` with some of its methods replaced; the others are the inner object's own, bound to it. */
function decorate<T extends object>(inner: T, overrides: Partial<T>): T {
  return new Proxy(inner, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof T];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
