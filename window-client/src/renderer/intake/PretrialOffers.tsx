import { Button, List, Tag } from 'antd';
import type { PretrialView } from '@onedoor/protocol';
import type { Matter, PretrialLookup } from './intake-flow';

/**
 * The applicant's applications pre-reviewed online (网上预审), offered before the matter search: one waiting here
 * opens as a checklist with the materials checked online already ticked. A failed lookup never blocks the visit.
 */
export function PretrialOffers({
  lookup,
  toMatter,
  onOpen,
}: {
  lookup: PretrialLookup;
  toMatter: (p: PretrialView) => Matter | null;
  onOpen: (code: string, matter: Matter) => void;
}) {
  if (lookup.status === 'finding') return <div className="od-muted">正在查询网上预审件…</div>;
  if (lookup.status === 'failed')
    return (
      <div className="od-muted" data-testid="pretrial-lookup-failed">
        网上预审件：{lookup.message}
      </div>
    );
  if (lookup.items.length === 0) return null;
  return (
    <div className="od-intake-pretrials" data-testid="pretrial-offers">
      <div className="od-intake-title">网上预审件</div>
      <List
        size="small"
        dataSource={lookup.items}
        renderItem={(p) => {
          const matter = p.status === 'ready' ? toMatter(p) : null;
          return (
            <List.Item
              data-testid={`pretrial-${p.code}`}
              actions={[
                <Button
                  key="open"
                  type="primary"
                  disabled={!matter}
                  onClick={() => matter && onOpen(p.code, matter)}
                  data-testid={`open-pretrial-${p.code}`}
                >
                  打开
                </Button>,
              ]}
            >
              <span>
                <b>{p.matter.name}</b> <span className="od-muted">预审号 {p.code}</span>{' '}
                {p.status === 'received' ? <Tag>已收件</Tag> : <Tag color="green">预审通过，待收件</Tag>}
                {p.status === 'ready' && !matter && <Tag color="orange">本大厅目录中没有该事项</Tag>}
              </span>
            </List.Item>
          );
        }}
      />
    </div>
  );
}
