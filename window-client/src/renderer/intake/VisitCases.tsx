import { Button, List, Tag } from 'antd';
import type { TakenCase } from './intake-flow';

/**
 * The cases taken in during this visit (one ticket, several matters): each with its own 受理回执, printed again here —
 * a receipt still owed (accepted without printing, or the paper ran out) is printed from here once the printer works.
 */
export function VisitCases({ taken, onReprint }: { taken: readonly TakenCase[]; onReprint: (caseNo: string) => void }) {
  if (taken.length === 0) return null;
  return (
    <div className="od-intake-visit" data-testid="visit-cases">
      <div className="od-intake-title">本次来访已受理 {taken.length} 件</div>
      <List
        size="small"
        dataSource={[...taken]}
        renderItem={(c) => (
          <List.Item
            data-testid={`visit-case-${c.caseNo}`}
            actions={[
              <Button
                key="reprint"
                size="small"
                onClick={() => onReprint(c.caseNo)}
                data-testid={`reprint-${c.caseNo}`}
              >
                {c.receiptPrinted ? '重打回执' : '打印回执'}
              </Button>,
            ]}
          >
            <span>
              <b>{c.caseNo}</b> {c.matterName}{' '}
              {c.receiptPrinted ? <Tag>回执已出</Tag> : <Tag color="orange">回执未打印</Tag>}
            </span>
          </List.Item>
        )}
      />
    </div>
  );
}
