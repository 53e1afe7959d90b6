import { describe, expect, it } from 'vitest';
import { LoggingNotificationSender } from './logging-notifier.js';

describe('LoggingNotificationSender', () => {
  it('the logging sender masks the phone', async () => {
    const lines: unknown[] = [];
    const log = { info: (o: unknown) => lines.push(o), warn() {}, error() {}, debug() {} };
    await new LoggingNotificationSender(log).send({
      to: '13812345678',
      caseNo: 'X1',
      kind: 'result-ready',
      text: '已办结',
    });
    expect(JSON.stringify(lines)).toContain('138****5678');
    expect(JSON.stringify(lines)).not.toContain('13812345678');
  });
});
