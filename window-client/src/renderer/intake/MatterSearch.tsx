import { useMemo, useState } from 'react';
import { Button, Input, List, Tag } from 'antd';
import type { Bundle, Matter as CatalogMatter } from '@onedoor/protocol';
import { indexMatters, searchMatters } from './intake-catalog';

/** One line of the list: a matter, or a 一件事 (searched the same way, by its name, initials and code). */
type Choice =
  | { kind: 'matter'; id: string; name: string; basicCode: string; implCode: string; matter: CatalogMatter }
  | { kind: 'bundle'; id: string; name: string; basicCode: string; implCode: string; bundle: Bundle };

/**
 * Pick what to handle: the catalog's matters and 一件事 in force, searched by name, pinyin initials (spjy) or code,
 * the matters of the ticket's service first.
 */
export function MatterSearch({
  matters,
  bundles,
  serviceMatters,
  onPick,
  onPickBundle,
}: {
  matters: readonly CatalogMatter[];
  bundles: readonly Bundle[];
  /** `ServiceView.matters` of the ticket's service. */
  serviceMatters: readonly string[];
  onPick: (matter: CatalogMatter) => void;
  onPickBundle: (bundle: Bundle) => void;
}) {
  const [query, setQuery] = useState('');
  const choices = useMemo<Choice[]>(
    () => [
      ...matters.map((m) => ({
        kind: 'matter' as const,
        id: m.id,
        name: m.name,
        basicCode: m.basicCode,
        implCode: m.implCode,
        matter: m,
      })),
      ...bundles.map((b) => ({
        kind: 'bundle' as const,
        id: b.id,
        name: b.name,
        basicCode: b.code,
        implCode: '',
        bundle: b,
      })),
    ],
    [matters, bundles],
  );
  const index = useMemo(() => indexMatters(choices), [choices]);
  const found = useMemo(() => searchMatters(index, query, serviceMatters).slice(0, 8), [index, query, serviceMatters]);
  return (
    <div data-testid="matter-search">
      <Input.Search
        placeholder="搜索事项或一件事：名称、拼音首字母（如 spjy）或编码"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        data-testid="matter-query"
        allowClear
      />
      <List
        size="small"
        dataSource={found}
        locale={{ emptyText: '没有找到事项' }}
        renderItem={({ matter: c, ofService }) => (
          <List.Item
            actions={[
              <Button
                key="pick"
                type="link"
                onClick={() => (c.kind === 'matter' ? onPick(c.matter) : onPickBundle(c.bundle))}
                data-testid={`pick-${c.kind}-${c.id}`}
              >
                办理
              </Button>,
            ]}
          >
            <span data-testid="matter-row">{c.name}</span>
            {c.kind === 'bundle' && (
              <Tag color="purple" style={{ marginLeft: 6 }} data-testid="is-bundle">
                一件事
              </Tag>
            )}
            {ofService && (
              <Tag color="blue" style={{ marginLeft: 6 }} data-testid="of-service">
                本业务
              </Tag>
            )}
            <span className="od-muted"> {c.basicCode}</span>
          </List.Item>
        )}
      />
    </div>
  );
}
