/**
 * The phone page of a ticket (`/t/<ticket>`, the slip's QR code) over real HTTP: the place in the fair order (the
 * same count the slip printed), the window once called, the 过号 notice, Chinese and English, the live part.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedTicket, TicketView } from '@onedoor/protocol';
import { command, kioskIssue, startTestHall, type ClientSocket, type TestHall } from '../helpers/test-hall.js';

describe('ticket phone page /t/<ticket>', () => {
  let hall: TestHall;
  let kiosk: ClientSocket;
  let clerk: ClientSocket;
  beforeAll(async () => {
    hall = await startTestHall({ config: { hall: { publicUrl: 'https://hall.example.cn/' } } });
    kiosk = await hall.connect('/kiosk', { deviceToken: await hall.deviceToken('kiosk') });
    clerk = await hall.connect('/window', { sessionToken: await hall.login('clerk01') });
    await command(clerk, 'window:sign-in', { windowId: 'w01' });
  });
  afterAll(async () => {
    await hall.close();
  });

  const page = async (id: string, query = '', headers: Record<string, string> = {}) => {
    const res = await fetch(`${hall.baseUrl}/t/${id}${query}`, { headers });
    return { status: res.status, html: await res.text(), type: res.headers.get('content-type') };
  };
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('shows the place in the fair order, the same count the slip printed, and the estimate', async () => {
    for (let i = 0; i < 4; i++) await command(kiosk, 'ticket:issue', { serviceId: 'general' });
    // 绿色通道 after four normal tickets: called second at w01 (one normal, then a priority), not fifth.
    const green = await kioskIssue<IssuedTicket>(kiosk, { serviceId: 'general', priority: 'green' });
    expect(green.progressUrl).toBe(`https://hall.example.cn/t/${green.ticket.id}`);
    expect(green.peopleAhead).toBeLessThan(4);
    const { status, html, type } = await page(green.ticket.id);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    expect(html).toContain('<html lang="zh-CN"');
    expect(html).toContain(`data-testid="number">${green.ticket.number}<`);
    expect(text(html)).toContain(`前面还有 ${green.peopleAhead} 人`);
    expect(text(html)).toContain('综合受理');
    expect(text(html)).toContain('快到您了');
    expect(html).toContain('name="viewport"');
  });

  it('names the window once called, says when it is being served, and tells a missed visitor what to do', async () => {
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'tax' });
    const w16 = await hall.connect('/window', { sessionToken: await hall.login('clerk16') });
    await command(w16, 'window:sign-in', { windowId: 'w16' });
    const called = await command<TicketView>(w16, 'ticket:call-next', { windowId: 'w16' });
    expect(called.id).toBe(t.ticket.id);
    expect(text((await page(t.ticket.id)).html)).toContain('请到 16号窗口 办理');
    expect(text((await page(t.ticket.id, '?lang=en')).html)).toContain('Please go to Window 16');

    await command(w16, 'ticket:start', { windowId: 'w16' });
    expect(text((await page(t.ticket.id)).html)).toContain('正在 16号窗口 办理');
    await command(w16, 'ticket:finish', { windowId: 'w16' });
    expect(text((await page(t.ticket.id)).html)).toContain('已办结');

    const missed = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'tax' });
    await command(w16, 'ticket:call-next', { windowId: 'w16' });
    await command(w16, 'ticket:no-show', { windowId: 'w16' });
    const zh = text((await page(missed.ticket.id)).html);
    expect(zh).toContain('您已过号');
    expect(zh).toMatch(/叫号后 30 分钟内，请到 16号窗口 或咨询导办台说明，可重新排队/);
    const en = text((await page(missed.ticket.id, '', { 'accept-language': 'en-GB,en;q=0.9,zh;q=0.5' })).html);
    expect(en).toContain('You missed your call');
    expect(en).toContain('Within 30 min of the call');
    w16.disconnect();
  });

  it('speaks English when asked: hall name, service, the count; a link switches back', async () => {
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'real-estate' });
    const { html } = await page(t.ticket.id, '?lang=en');
    expect(html).toContain('<html lang="en"');
    expect(text(html)).toContain('Citizen Service Centre');
    expect(text(html)).toContain('Real estate registration');
    expect(text(html)).toMatch(/\b0 ahead of you/);
    expect(html).toContain(`href="/t/${t.ticket.id}?lang=zh"`);
  });

  it('sends the live part alone for the page’s own refresh, and a 404 page in words for an unknown ticket', async () => {
    const t = await command<IssuedTicket>(kiosk, 'ticket:issue', { serviceId: 'housing-fund' });
    const live = await page(t.ticket.id, '?part=live');
    expect(live.html).toMatch(/^<div class="card" data-state="(waiting|soon)">/);
    expect(live.html).not.toContain('<html');
    const unknown = await page('no-such-ticket');
    expect(unknown.status).toBe(404);
    expect(text(unknown.html)).toContain('号票不存在或已过期');
    expect(unknown.html).toContain('<title>市民服务中心</title>');
  });
});
