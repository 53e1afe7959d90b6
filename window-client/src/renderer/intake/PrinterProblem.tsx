import { Button, Result, Space } from 'antd';
import type { IntakeEvent } from './intake-flow';

/**
 * The printer cannot print the 受理回执 and nothing has been received yet: load paper and try again, accept without
 * printing (the receipt is owed and printed later from the visit's list), or cancel back to the checklist.
 */
export function PrinterProblem({ problem, dispatch }: { problem: string; dispatch: (e: IntakeEvent) => void }) {
  return (
    <Result
      status="warning"
      data-testid="printer-problem"
      title={problem}
      subTitle="尚未收件。请装纸后重试；或不打印回执继续受理，回执稍后可补打 / nothing received yet"
      extra={
        <Space wrap>
          <Button type="primary" onClick={() => dispatch({ type: 'retry-printer' })} data-testid="printer-retry">
            已装纸，重试
          </Button>
          <Button onClick={() => dispatch({ type: 'accept-without-print' })} data-testid="accept-without-print">
            不打印回执，继续受理
          </Button>
          <Button onClick={() => dispatch({ type: 'cancel-accept' })} data-testid="printer-cancel">
            取消
          </Button>
        </Space>
      }
    />
  );
}
