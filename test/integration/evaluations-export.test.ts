/**
 * 好差评 exported as Excel (GET /api/evaluations/export) against a real hall: three visitors served at 1号窗口 and
 * 2号窗口 rate them, and the workbook read back with exceljs holds exactly those ratings, newest first, with the
 * window and clerk by name; the list's window filter and only=bad cut it as the page does; a phone number typed into
 * a reason is masked; a clerk and a wrong filter are refused.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAndRate } from '../helpers/ratings.js';
import { command, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

const PHONE = '13812345678';

describe('好差评 export (real hall)', () => {
  let hall: TestHall;
  let managerToken: string;
  let kiosk: ClientSocket;

  /** A clerk signs in at the window, serves one visitor, who rates it on the window's on-screen evaluator. */
  async function signInServeAndRate(clerk: string, windowId: string, rating: { level: number; reason?: string }) {
    const token = await hall.login(clerk);
    const window = await hall.connect('/window', { sessionToken: token });
    await command(window, 'window:sign-in', { windowId });
    await serveAndRate(hall, { kiosk, window, clerkToken: token, windowId }, rating);
    window.disconnect();
  }

  beforeAll(async () => {
    hall = await startTestHall();
    managerToken = await hall.login('manager01');
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    await signInServeAndRate('clerk01', 'w01', { level: 5 });
    await signInServeAndRate('clerk01', 'w01', { level: 2, reason: `等候时间长，请回电${PHONE}` });
    await signInServeAndRate('clerk02', 'w02', { level: 1, reason: '服务态度差' });
  });
  afterAll(async () => {
    await hall?.close();
  });

  const exportFile = (query: string, token = managerToken) =>
    fetch(`${hall.baseUrl}/api/evaluations/export${query}`, { headers: { authorization: `Bearer ${token}` } });

  /** The 好差评 sheet's rows without the time column (asserted apart), and every cell of the book as text. */
  async function readBack(res: Response) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    const times: string[] = [];
    book.getWorksheet('好差评')!.eachRow((row, n) => {
      const cells = (row.values as unknown[]).slice(1);
      if (n > 1) times.push(String(cells[0]));
      rows.push(cells.slice(1));
    });
    const everything: string[] = [];
    book.eachSheet((ws) => ws.eachRow((row) => everything.push(JSON.stringify(row.values))));
    return { rows, times, everything: everything.join('\n') };
  }

  it('holds every rating made, newest first, with window and clerk by name and the masked reason', async () => {
    const res = await exportFile('');
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toMatch(
      /filename\*=UTF-8''好差评-\d{4}-\d{2}-\d{2}\.xlsx$/,
    );
    const { rows, times, everything } = await readBack(res);
    expect(rows).toEqual([
      ['窗口 Window', '人员 Clerk', '评价 Rating', '等级 Level', '差评原因 Reason', '渠道 Channel', '关联办件 Cases'],
      ['2号窗口', '张伟', '非常不满意', 1, '服务态度差', '窗口屏', 0],
      ['1号窗口', '李娜', '不满意', 2, '等候时间长，请回电138****5678', '窗口屏', 0],
      ['1号窗口', '李娜', '非常满意', 5, '', '窗口屏', 0],
    ]);
    // The hall's local time, as on tickets, and in the order the ratings were given.
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect([...times].sort().reverse()).toEqual(times);
    expect(everything).not.toContain(PHONE);
    // The list masks the same way.
    const list = await fetch(`${hall.baseUrl}/api/evaluations`, {
      headers: { authorization: `Bearer ${managerToken}` },
    });
    expect(await list.text()).not.toContain(PHONE);
  });

  it("takes the list's window filter and only=bad, as the page's 只看差评", async () => {
    const w01 = await readBack(await exportFile('?windowId=w01'));
    expect(w01.rows.slice(1).map((r) => r[3])).toEqual([2, 5]);
    const bad = await exportFile('?only=bad');
    expect(decodeURIComponent(bad.headers.get('content-disposition') ?? '')).toContain('-差评.xlsx');
    expect((await readBack(bad)).rows.slice(1).map((r) => [r[0], r[3]])).toEqual([
      ['2号窗口', 1],
      ['1号窗口', 2],
    ]);
    const both = await readBack(await exportFile('?windowId=w02&only=bad'));
    expect(both.rows.slice(1).map((r) => r[1])).toEqual(['张伟']);
  });

  it('refuses a clerk and a filter it does not know, in Chinese and English', async () => {
    const byClerk = await exportFile('', await hall.login('clerk01'));
    expect(byClerk.status).toBe(403);
    const wrong = await exportFile('?only=good');
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { ok: false; error: { message: string; messageEn: string } };
    expect(body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(body.error.messageEn).toMatch(/[a-z]/);
  });
});
