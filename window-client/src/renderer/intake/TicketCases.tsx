import { Button, List } from 'antd';
import type { CaseSummary } from '@onedoor/protocol';

/**
 * The cases this ticket already has from before this panel opened (closed, reloaded, another clerk's screen): a
 * 受理回执 still owed — accepted without printing, or the paper ran out — is printed from here.
 */
export function TicketCases({
  cases,
  onReprint,
}: {
  cases: readonly CaseSummary[];
  onReprint: (caseId: string) => void;
}) {
  if (cases.length === 0) return null;
  return (
    <div className="od-intake-visit" data-testid="ticket-cases">
      <div className="od-intake-title">本号已受理 {cases.length} 件</div>
      <List
        size="small"
        dataSource={[...cases]}
        renderItem={(c) => (
          <List.Item
            data-testid={`ticket-case-${c.caseNo}`}
            actions={[
              <Button
                key="reprint"
                size="small"
                onClick={() => onReprint(c.id)}
                data-testid={`reprint-earlier-${c.caseNo}`}
              >
                打印回执
              </Button>,
            ]}
          >
            <span>
              <b>{c.caseNo}</b> {c.name} <span className="od-muted">{c.stageLabel}</span>
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
