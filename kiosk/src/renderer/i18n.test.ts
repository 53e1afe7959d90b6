import { describe, expect, it } from 'vitest';
import { groupNameEn, refusalHeadline } from './i18n';

describe('refusal headline', () => {
  it('shows the server’s words only for refusals written for the visitor', () => {
    const early = {
      code: 'APPOINTMENT_TOO_EARLY',
      message: '还没到签到时间，请于 2026-11-28 09:30 之后签到',
      messageEn: 'Too early: check in after 2026-11-28 09:30',
    };
    expect(refusalHeadline('zh', early)).toBe(early.message);
    expect(refusalHeadline('en', early)).toBe(early.messageEn);
  });

  it('never shows a schema message: a malformed request names the field in words', () => {
    const raw = {
      code: 'BAD_REQUEST',
      message: '请求内容有误：code Too big: expected string to have <=12 characters',
      messageEn: 'invalid request: code: Too big: expected string to have <=12 characters',
      details: [{ path: 'code', message: 'Too big: expected string to have <=12 characters' }],
    };
    expect(refusalHeadline('zh', raw)).toBe('预约码有误，请核对后重试');
    expect(refusalHeadline('en', raw)).toBe('The appointment code is not valid — please check it');
    const two = { ...raw, details: [{ path: 'holder.idNumber' }, { path: 'holder.name' }] };
    expect(refusalHeadline('zh', two)).toBe('身份证号码、姓名有误，请核对后重试');
    expect(refusalHeadline('zh', { ...raw, details: [{ path: 'caseNo' }] })).toBe('填写的信息有误，请核对后重试');
    expect(refusalHeadline('zh', { code: 'INTERNAL', message: 'SQLITE_BUSY', messageEn: 'SQLITE_BUSY' })).toBe(
      '暂时不能办理',
    );
  });

  it('has English for the groups halls commonly use', () => {
    expect(groupNameEn('公安')).toBe('Public security');
    expect(groupNameEn('新设专区')).toBe('新设专区');
  });
});
