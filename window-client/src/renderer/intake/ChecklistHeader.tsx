import { Tag } from 'antd';
import type { Matter } from './intake-flow';

/** What the checklist is for: the matter, its 办理情形 answers and, for a pre-review, its 预审号. */
export function ChecklistHeader({ matter }: { matter: Matter }) {
  const situations = matter.situations ?? [];
  return (
    <div className="od-intake-header" data-testid="checklist-header">
      <div className="od-intake-title">
        {matter.name} · 材料清单
        {matter.pretrial && (
          <Tag color="green" style={{ marginLeft: 8 }} data-testid="pretrial-code">
            网上预审 {matter.pretrial.code}
          </Tag>
        )}
      </div>
      {situations.length > 0 && (
        <div className="od-muted" data-testid="checklist-situations">
          办理情形：{situations.map((s) => `${s.question} — ${s.answer}`).join('；')}
        </div>
      )}
      {matter.pretrial && <div className="od-muted">标「网上预审已核验」的材料已在网上核验，只需核对原件。</div>}
    </div>
  );
}
