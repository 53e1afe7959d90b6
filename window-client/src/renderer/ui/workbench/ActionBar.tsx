import type { WindowModel } from '../../window-model';
import { ActionButton } from './ActionButton';
import type { WorkbenchActionName } from './use-workbench-actions';

/** 叫下一位 … 挂起: what the clerk does with the current visitor; each waits for the previous command's ack. */
export function ActionBar({
  model,
  busy,
  actions,
  onTransfer,
}: {
  model: WindowModel;
  busy: string | null;
  actions: Record<WorkbenchActionName, () => Promise<unknown>>;
  onTransfer: () => void;
}) {
  const { enabled, current } = model;
  return (
    <div className="od-actions">
      <ActionButton
        testId="btn-call-next"
        type="primary"
        keyHint="F1"
        disabled={!enabled.callNext}
        hint={model.callNextHint ?? (current ? '当前群众将记为办结，然后叫下一位' : null)}
        loading={busy === '叫下一位'}
        onClick={actions.callNext}
      >
        叫下一位
      </ActionButton>
      <ActionButton
        testId="btn-recall"
        keyHint="F2"
        disabled={!enabled.recall}
        loading={busy === '重呼'}
        onClick={actions.recall}
      >
        重呼
      </ActionButton>
      <ActionButton testId="btn-start" disabled={!enabled.start} loading={busy === '开始办理'} onClick={actions.start}>
        开始办理
      </ActionButton>
      <ActionButton
        testId="btn-no-show"
        keyHint="F3"
        danger
        disabled={!enabled.noShow}
        loading={busy === '过号'}
        onClick={actions.noShow}
      >
        过号
      </ActionButton>
      <ActionButton
        testId="btn-finish"
        keyHint="F4"
        type="primary"
        green
        disabled={!enabled.finish}
        loading={busy === '办结'}
        onClick={actions.finish}
      >
        办结
      </ActionButton>
      <ActionButton testId="btn-transfer" disabled={!enabled.transfer} onClick={onTransfer}>
        转移
      </ActionButton>
      <ActionButton
        testId="btn-suspend"
        disabled={!enabled.suspend}
        loading={busy === '挂起'}
        onClick={actions.suspend}
      >
        挂起
      </ActionButton>
    </div>
  );
}
