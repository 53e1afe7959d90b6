import { useMemo, useState } from 'react';
import { Button, Input, List, Tag } from 'antd';
import type { Matter as CatalogMatter } from '@onedoor/protocol';
import { indexMatters, searchMatters } from './intake-catalog';

/**
 * Pick the matter to handle: the catalog's matters in force, searched by name, pinyin initials (spjy) or code, the
 * matters of the ticket's service first.
 */
export function MatterSearch({
  matters,
  serviceMatters,
  onPick,
}: {
  matters: readonly CatalogMatter[];
  /** `ServiceView.matters` of the ticket's service. */
  serviceMatters: readonly string[];
  onPick: (matter: CatalogMatter) => void;
}) {
  const [query, setQuery] = useState('');
  const index = useMemo(() => indexMatters(matters), [matters]);
  const found = useMemo(() => searchMatters(index, query, serviceMatters).slice(0, 8), [index, query, serviceMatters]);
  return (
    <div data-testid="matter-search">
      <Input.Search
        placeholder="搜索事项：名称、拼音首字母（如 spjy）或编码"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="matter-query"
        allowClear
      />
      <List
        size="small"
        dataSource={found}
        locale={{ emptyText: '没有找到事项' }}
        renderItem={({ matter: m, ofService }) => (
          <List.Item
            actions={[
              <Button key="pick" type="link" onClick={() => onPick(m)} data-testid={`pick-matter-${m.id}`}>
                办理
              </Button>,
            ]}
          >
            <span data-testid="matter-row">{m.name}</span>
            {ofService && (
              <Tag color="blue" style={{ marginLeft: 6 }} data-testid="of-service">
                本业务
              </Tag>
            )}
            <span className="od-muted"> {m.basicCode}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
