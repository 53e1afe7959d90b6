import { describe, expect, it } from 'vitest';
import { pickChineseVoice } from './speech.js';

const voice = (name: string, lang: string, localService = true) =>
  ({ name, lang, localService, default: false, voiceURI: name }) as SpeechSynthesisVoice;

describe('pickChineseVoice', () => {
  it('prefers a local zh-CN voice, then other Mandarin voices, never Cantonese when Mandarin exists', () => {
    const voices = [
      voice('Google US English', 'en-US'),
      voice('Microsoft Tracy (Cantonese)', 'zh-HK'),
      voice('Google 普通话（中国大陆）', 'zh-CN', false),
      voice('Microsoft Huihui', 'zh-CN'),
      voice('Mei-Jia', 'zh-TW'),
    ];
    expect(pickChineseVoice(voices)?.name).toBe('Microsoft Huihui');
    expect(pickChineseVoice(voices.filter((v) => v.lang !== 'zh-CN'))?.name).toBe('Mei-Jia');
    expect(pickChineseVoice([voice('espeak cmn', 'cmn'), voice('Tracy', 'zh-HK')])?.name).toBe('espeak cmn');
    expect(pickChineseVoice([voice('zh_CN voice', 'zh_CN')])?.name).toBe('zh_CN voice');
  });

  it('returns null when there is no Chinese voice (the default voice then speaks with lang zh-CN)', () => {
    expect(pickChineseVoice([voice('Alex', 'en-US')])).toBeNull();
    expect(pickChineseVoice([])).toBeNull();
  });
});
