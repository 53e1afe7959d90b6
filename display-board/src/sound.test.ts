import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RecordingSpeech } from './sound';

describe('RecordingSpeech', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('records and ends each utterance', async () => {
    const speech = new RecordingSpeech(60);
    const ended = vi.fn();
    speech.speak('请 A001 号 到 1 号窗口办理', ended);
    expect(speech.log).toEqual(['请 A001 号 到 1 号窗口办理']);
    expect(ended).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(60);
    expect(ended).toHaveBeenCalledWith();
  });
});
