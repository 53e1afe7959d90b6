import { useMemo } from 'react';
import { Button, Checkbox, Radio } from 'antd';
import type { Material } from '@onedoor/protocol';
import { toIntakeMatter, type Answers, type SituationsSource } from './intake-checklist';
import type { IntakeEvent } from './intake-flow';

/**
 * The 办理情形 questions of the picked matter, with the materials the answers call for so far: the clerk asks,
 * ticks the visitor's answers and sees the list change before the checklist opens. A 一件事's merged list is the
 * hall's: it opens when the answers are confirmed.
 */
export function SituationQuestions({
  def,
  materials,
  answers,
  error,
  resolving,
  dispatch,
}: {
  def: SituationsSource;
  materials: readonly Material[];
  answers: Answers;
  error: string | null;
  resolving: boolean;
  dispatch: (e: IntakeEvent) => void;
}) {
  const needed = useMemo(() => toIntakeMatter(def, materials, answers).items, [def, materials, answers]);
  return (
    <div className="od-intake-checklist" data-testid="intake-situations">
      <div className="od-intake-title">{def.name} · 办理情形</div>
      {def.situations.map((s) => {
        const a = answers[s.id];
        const options = s.options.map((o) => ({ value: o.value, label: o.label }));
        return (
          <div key={s.id} className="od-intake-question" data-testid={`situation-${s.id}`}>
            <div>
              <b>{s.question}</b>
              {s.multiple && <span className="od-muted">（可多选）</span>}
            </div>
            {s.multiple ? (
              <Checkbox.Group
                options={options}
                value={a === undefined ? [] : typeof a === 'string' ? [a] : [...a]}
                onChange={(v) => dispatch({ type: 'answer', situationId: s.id, value: v.map(String) })}
              />
            ) : (
              <Radio.Group
                options={options}
                optionType="button"
                value={typeof a === 'string' ? a : undefined}
                onChange={(e) => dispatch({ type: 'answer', situationId: s.id, value: String(e.target.value) })}
              />
            )}
          </div>
        );
      })}
      <div className="od-muted" data-testid="situation-materials">
        {def.bundle
          ? resolving
            ? '正在向大厅查询办理情形与材料……'
            : '一件事的材料清单按所选情形合并生成，确定后列出'
          : `按所选情形需要：${needed.map((i) => i.name).join('、') || '—'}`}
      </div>
      {error && (
        <div className="od-intake-error" role="alert" data-testid="intake-error">
          {error}
        </div>
      )}
      <div className="od-intake-buttons">
        <Button onClick={() => dispatch({ type: 'back' })}>换事项</Button>
        <Button
          type="primary"
          loading={resolving}
          onClick={() => dispatch({ type: 'answered' })}
          data-testid="situations-done"
        >
          确定，核对材料
        </Button>
      </div>
    </div>
  );
}
