import { describe, expect, it } from 'vitest';
import { DeviceError, errorTexts } from './device-error.js';

describe('errorTexts', () => {
  it("takes a DeviceError's two texts, an app error's messageZh/messageEn, or a plain message in both", () => {
    expect(errorTexts(new DeviceError('PRINTER_PAPER_OUT', '打印机缺纸', 'the printer is out of paper'))).toEqual({
      zh: '打印机缺纸',
      en: 'the printer is out of paper',
    });
    const app = Object.assign(new Error('未配置打印机 / no printer configured'), {
      messageZh: '未配置打印机',
      messageEn: 'no printer configured',
    });
    expect(errorTexts(app)).toEqual({ zh: '未配置打印机', en: 'no printer configured' });
    expect(errorTexts(new Error('EIO'))).toEqual({ zh: 'EIO', en: 'EIO' });
    expect(errorTexts('gone')).toEqual({ zh: 'gone', en: 'gone' });
  });
});
