import { useMemo, useState } from 'react';
import { Button, Input, List } from 'antd';
import type { Matter as CatalogMatter } from '@onedoor/protocol';
import { searchMatters } from './intake-catalog';

/** Pick the matter to handle: the catalog's matters in force, searched by name or code. */
export function MatterSearch({
  matters,
  onPick,
}: {
  matters: readonly CatalogMatter[];
  onPick: (matter: CatalogMatter) => void;
}) {
  const [query, setQuery] = useState('');
  const found = useMemo(() => searchMatters(matters, query).slice(0, 8), [matters, query]);
  return (
    <div data-testid="matter-search">
      <Input.Search
        placeholder="搜索事项名称或编码"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="matter-query"
        allowClear
      />
      <List
        size="small"
        dataSource={found}
        locale={{ emptyText: '没有找到事项' }}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button key="pick" type="link" onClick={() => onPick(m)} data-testid={`pick-matter-${m.id}`}>
                办理
              </Button>,
            ]}
          >
            <span data-testid="matter-row">{m.name}</span>
            <span className="od-muted"> {m.basicCode}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
