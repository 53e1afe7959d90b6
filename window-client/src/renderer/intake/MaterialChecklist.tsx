import { Button, Input, Radio, Select, Tag } from 'antd';
import { ChecklistHeader } from './ChecklistHeader';
import type { IntakeEvent, Matter, MaterialMark } from './intake-flow';

const MARKS: { mark: MaterialMark; label: string }[] = [
  { mark: 'received', label: '已收' },
  { mark: 'tolerated', label: '容缺' },
  { mark: 'cert-lookup', label: '电子证照' },
  { mark: 'missing', label: '缺' },
  { mark: 'rejected', label: '不符' },
];

/**
 * The material checklist of one matter: tick each item, a 容缺 item needs the date it will be brought, a material
 * missing or not acceptable takes the reason the 一次性告知书 prints.
 */
export function MaterialChecklist({
  matter,
  error,
  dispatch,
}: {
  matter: Matter;
  error: string | null;
  dispatch: (e: IntakeEvent) => void;
}) {
  return (
    <div className="od-intake-checklist" data-testid="intake-checklist">
      <ChecklistHeader matter={matter} />
      <table className="od-intake-table">
        <tbody>
          {matter.items.map((i) => (
            <tr key={i.materialId} data-testid={`material-${i.materialId}`}>
              <td>
                <b>{i.name}</b>
                {i.checkedOnline && (
                  <Tag color="green" style={{ marginLeft: 6 }} data-testid="checked-online">
                    网上预审已核验
                  </Tag>
                )}
                <div className="od-muted">
                  原件 {i.originals} 份 · 复印件 {i.copies} 份{i.standard ? ` · ${i.standard}` : ''}
                </div>
              </td>
              <td>
                <Radio.Group
                  size="small"
                  value={i.mark}
                  onChange={(e) => dispatch({ type: 'mark', materialId: i.materialId, mark: e.target.value })}
                  options={MARKS.map((m) => ({ value: m.mark, label: m.label }))}
                  optionType="button"
                />
                {(i.mark === 'missing' || i.mark === 'rejected') && (
                  <Input
                    size="small"
                    aria-label="原因"
                    placeholder={i.mark === 'missing' ? '原因（默认：未提供）' : '哪里不符合要求'}
                    data-testid={`reason-${i.materialId}`}
                    value={i.reason ?? ''}
                    style={{ width: 200 }}
                    onChange={(e) =>
                      dispatch({ type: 'mark', materialId: i.materialId, mark: i.mark, reason: e.target.value })
                    }
                  />
                )}
                {i.mark === 'tolerated' && (
                  <Input
                    type="date"
                    size="small"
                    aria-label="补交日期"
                    data-testid="due-date"
                    value={i.dueDate ?? ''}
                    style={{ width: 150 }}
                    onChange={(e) =>
                      dispatch({ type: 'mark', materialId: i.materialId, mark: 'tolerated', dueDate: e.target.value })
                    }
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {matter.form && matter.form.fields.length > 0 && <MergedForm form={matter.form} dispatch={dispatch} />}
      {error && (
        <div className="od-intake-error" role="alert" data-testid="intake-error">
          {error}
        </div>
      )}
      <div className="od-intake-buttons">
        <Button onClick={() => dispatch({ type: 'back' })}>换事项</Button>
        <Button danger onClick={() => dispatch({ type: 'refuse' })} data-testid="intake-refuse">
          不予受理（一次性告知）
        </Button>
        <Button type="primary" onClick={() => dispatch({ type: 'accept' })} data-testid="intake-accept">
          收件并受理
        </Button>
      </div>
    </div>
  );
}

/** 一表申请: the 一件事's one form, each field once for every member matter that needs it. */
function MergedForm({ form, dispatch }: { form: NonNullable<Matter['form']>; dispatch: (e: IntakeEvent) => void }) {
  return (
    <div className="od-intake-form" data-testid="merged-form">
      <div className="od-intake-title">一表申请</div>
      {form.fields.map((f) => (
        <label key={f.key} className="od-intake-field">
          <span>
            {f.label}
            {f.required && <span className="od-required">*</span>}
          </span>
          {f.type === 'select' || f.type === 'boolean' ? (
            <Select
              size="small"
              style={{ width: 240 }}
              value={form.values[f.key] || undefined}
              placeholder="请选择"
              data-testid={`form-${f.key}`}
              options={
                f.type === 'boolean'
                  ? [
                      { value: 'true', label: '是' },
                      { value: 'false', label: '否' },
                    ]
                  : f.options.map((o) => ({ value: o, label: o }))
              }
              onChange={(v: string) => dispatch({ type: 'form', key: f.key, value: v })}
            />
          ) : (
            <Input
              size="small"
              style={{ width: 240 }}
              type={f.type === 'number' ? 'number' : f.type === 'date' ? 'date' : 'text'}
              value={form.values[f.key] ?? ''}
              data-testid={`form-${f.key}`}
              onChange={(e) => dispatch({ type: 'form', key: f.key, value: e.target.value })}
            />
          )}
        </label>
      ))}
    </div>
  );
}
