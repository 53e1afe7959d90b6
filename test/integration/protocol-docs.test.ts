import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { renderProtocolDocs } from '@onedoor/protocol';

describe('docs/protocol.md', () => {
  it('matches the protocol schemas (UPDATE_DOCS=1 to regenerate)', () => {
    const rendered = renderProtocolDocs();
    if (process.env.UPDATE_DOCS === '1') writeFileSync('docs/protocol.md', rendered);
    expect(existsSync('docs/protocol.md')).toBe(true);
    expect(readFileSync('docs/protocol.md', 'utf8')).toBe(rendered);
    expect(rendered).toContain('`ticket:call-next`');
    expect(rendered).toContain('onedoor/{hall}/device/{deviceId}/key');
  });
});
