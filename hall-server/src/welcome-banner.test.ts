import { describe, expect, it } from 'vitest';
import { hallConfigSchema } from './config/config.schema.js';
import { welcomeBanner, type BannerInput } from './welcome-banner.js';

const input = (over: Partial<BannerInput> & { publicUrl?: string } = {}): BannerInput => ({
  config: hallConfigSchema.parse({ demo: { seed: true }, hall: over.publicUrl ? { publicUrl: over.publicUrl } : {} }),
  port: 8080,
  mqttUrl: 'mqtt://127.0.0.1:1883',
  dataDir: '/srv/onedoor/data',
  virtualDevices: false,
  demoLinks: [
    { deviceId: 'display-main', state: 'repaired', token: null },
    { deviceId: 'kiosk-01', state: 'kept', token: 'tok-kiosk' },
    { deviceId: 'gateway-01', state: 'kept', token: 'tok-gw' },
  ],
  demoAppointments: [
    { code: 'YY120201', label: '已签到 already used' },
    { code: 'YY120202', label: '过早 too early（10:30 起可签到 / from then）' },
  ],
  lanAddresses: ['192.168.1.23'],
  ...over,
});

describe('welcome banner', () => {
  it('prints the kept kiosk link, says why the board has none, and labels the codes as they are', () => {
    const text = welcomeBanner(input());
    expect(text).toContain('取号机 Kiosk          http://localhost:8080/kiosk/#token=tok-kiosk');
    expect(text).toMatch(/叫号屏 Display board {2}http:\/\/localhost:8080\/display\/ {2}（已在控制台用配对码重新配对/);
    expect(text).not.toContain('display/#token=');
    expect(text).toContain('YY120201 已签到 already used · YY120202 过早 too early（10:30 起可签到 / from then）');
  });

  it('warns that phones cannot open localhost and suggests this machine’s LAN address', () => {
    const text = welcomeBanner(input());
    expect(text).toContain('号票二维码 Ticket QR   http://localhost:8080/t/<号票 ticket>');
    expect(text).toContain('HALL_PUBLIC_URL=http://192.168.1.23:8080');
  });

  it('prints the configured public URL and no warning', () => {
    const text = welcomeBanner(input({ publicUrl: 'https://hall.example.cn/' }));
    expect(text).toContain('号票二维码 Ticket QR   https://hall.example.cn/t/<号票 ticket>');
    expect(text).not.toContain('HALL_PUBLIC_URL=');
  });
});
