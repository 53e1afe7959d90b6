/**
 * A restart of the demo hall (same data directory) un-pairs nothing: the printed device links stay the same and keep
 * working, a screen paired again from the console keeps its own token, and the demo appointment codes are printed with
 * what a check-in would really do with them now.
 */
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { Ack, CheckInResult, PairResponse } from '@onedoor/protocol';
import { command, startTestHall, type TestHall } from '../helpers/test-hall.js';

describe('demo hall restart (same data directory)', () => {
  const halls: TestHall[] = [];
  afterAll(async () => {
    for (const h of halls) await h.stop();
    if (halls[0]) rmSync(halls[0].dataDir, { recursive: true, force: true });
  });

  it('keeps the printed links, keeps a board paired from the console, and labels the codes as they are', async () => {
    const first = await startTestHall();
    halls.push(first);
    expect(first.running.demoLinks.map((l) => [l.deviceId, l.state])).toEqual([
      ['display-main', 'issued'],
      ['kiosk-01', 'issued'],
      ['gateway-01', 'issued'],
    ]);
    const kioskToken = first.running.demoTokens['kiosk-01']!;
    const gatewayToken = first.running.demoTokens['gateway-01']!;
    // The installer pairs the hall's main board with a code from the console (not the printed link).
    const code = first.running.auth.createPairingCode('display-main');
    if (!code.ok) throw new Error(code.error.messageEn);
    const paired = (await (
      await fetch(`${first.baseUrl}/api/devices/pair`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: code.value.code }),
      })
    ).json()) as Ack<PairResponse>;
    if (!paired.ok) throw new Error(paired.error.messageEn);
    const boardToken = paired.data.deviceToken;
    // The on-time booking is used before the restart.
    const [onTime, early, late] = first.running.demoAppointmentCodes;
    const kiosk = await first.connect('/kiosk', { deviceToken: kioskToken });
    await command<CheckInResult>(kiosk, 'appointment:check-in', { code: onTime });
    await first.stop();

    const second = await startTestHall({ dataDir: first.dataDir, config: { hall: { id: first.config.hall.id } } });
    halls.push(second);
    expect(second.running.demoLinks).toEqual([
      { deviceId: 'display-main', state: 'repaired', token: null },
      { deviceId: 'kiosk-01', state: 'kept', token: kioskToken },
      { deviceId: 'gateway-01', state: 'kept', token: gatewayToken },
    ]);
    // Both the printed kiosk link and the board paired by code still connect.
    const board = await second.connect('/display', { deviceToken: boardToken });
    expect(board.firstSnapshot.hallId).toBe(first.config.hall.id);
    await second.connect('/kiosk', { deviceToken: kioskToken });
    // The same three codes (in slot order now, so a label by position would be wrong), each with what it is now:
    // used, too early (and from when), past its slot.
    expect([...second.running.demoAppointmentCodes].sort()).toEqual([onTime, early, late].sort());
    const labels = new Map(second.running.demoAppointments.map((a) => [a.code, a.label]));
    expect(labels.get(onTime!)).toContain('已签到');
    expect(labels.get(early!)).toMatch(/^过早 too early（\d{2}:\d{2} 起可签到/);
    expect(labels.get(late!)).toContain('迟到');
    // A device unpaired meanwhile (its token gone) is not paired again behind the manager's back.
    second.running.db.prepare("UPDATE devices SET token_hash = NULL WHERE id = 'kiosk-01'").run();
    await second.stop();
    const third = await startTestHall({ dataDir: first.dataDir, config: { hall: { id: first.config.hall.id } } });
    halls.push(third);
    expect(third.running.demoLinks.find((l) => l.deviceId === 'kiosk-01')).toEqual({
      deviceId: 'kiosk-01',
      state: 'unpaired',
      token: null,
    });
  }, 60_000);
});
