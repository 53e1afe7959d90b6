import { describe, expect, it } from 'vitest';
import { hallConfigSchema } from './config.schema.js';

const messages = (input: unknown) => {
  const r = hallConfigSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('federation config', () => {
  it('a hall alone by default; a hall with an uplink publishes, a city listens', () => {
    expect(hallConfigSchema.parse({}).federation).toMatchObject({ role: 'hall', halls: [] });
    expect(hallConfigSchema.parse({}).federation.uplink).toBeUndefined();
    const city = hallConfigSchema.parse({
      federation: {
        role: 'city',
        downlink: { url: 'mqtts://mq.city:8883' },
        halls: [{ id: 'county-a', name: '甲县' }],
      },
    });
    expect(city.federation).toMatchObject({ role: 'city', halls: [{ id: 'county-a', name: '甲县' }] });
  });

  it('refuses, in both languages, a region without a downlink, a hall id twice, a bad id or a bad url', () => {
    expect(messages({ federation: { role: 'county' } })).toEqual([
      'federation.downlink: 区域（县、市）需要 federation.downlink / a county or city needs federation.downlink',
    ]);
    expect(
      messages({
        federation: {
          role: 'city',
          downlink: { url: 'mqtt://x:1883' },
          halls: [
            { id: 'town-1', name: 'a' },
            { id: 'town-1', name: 'b' },
          ],
        },
      }),
    ).toEqual(['federation.halls: federation.halls: 大厅编号重复 / hall ids must be unique in the region']);
    expect(messages({ federation: { uplink: { url: 'http://x' }, halls: [{ id: 'Town 1', name: 'a' }] } })).toEqual([
      'federation.uplink.url: 联通代理地址应以 mqtt://、mqtts://、ws:// 或 wss:// 开头 / a federation broker url starts with mqtt://, mqtts://, ws:// or wss://',
      'federation.halls.0.id: 大厅编号：2–40 个小写字母、数字或连字符 / hall id: 2–40 lower-case letters, digits or dashes',
    ]);
  });
});
