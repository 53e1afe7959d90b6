import { describe, expect, it } from 'vitest';
import { upwardRecord } from './upward.js';

describe('what goes up', () => {
  it('drops the keyed hash of a holder’s ID number and keeps the masked name and number', () => {
    const record = {
      seq: 4,
      events: [
        {
          type: 'ticket.issued',
          at: '2026-03-02T01:00:00.000Z',
          payload: {
            ticket: {
              id: 't1',
              holder: { key: 'hmac-of-the-id-number', nameMasked: '张*三', idMasked: '4201**********1234' },
            },
          },
        },
        {
          type: 'ticket.called',
          at: '2026-03-02T01:05:00.000Z',
          payload: { ticketId: 't1', windowId: 'w1', recall: false },
        },
      ],
    };
    const up = upwardRecord(record);
    expect(JSON.stringify(up)).not.toContain('hmac-of-the-id-number');
    expect(up.events[0]!.payload).toEqual({
      ticket: { id: 't1', holder: { nameMasked: '张*三', idMasked: '4201**********1234' } },
    });
    expect(up.events[1]).toEqual(record.events[1]);
    // The hall's own record is left as it was.
    expect(JSON.stringify(record)).toContain('hmac-of-the-id-number');
  });
});
