import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.loader.js';

describe('config', () => {
  it('has defaults a newcomer can run with', () => {
    const c = loadConfig({});
    expect(c.server.port).toBe(8080);
    expect(c.hall.timeZone).toBe('Asia/Shanghai');
    expect(c.mqtt.embeddedPort).toBe(1883);
    expect(c.db.synchronous).toBe('FULL');
  });

  it('takes a file and lets the environment override it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ hall: { name: '某区政务服务中心' }, server: { port: 9000 } }));
    const c = loadConfig({ HALL_CONFIG: file, HALL_PORT: '9100', HALL_MQTT_URL: 'mqtt://127.0.0.1:1883' });
    expect(c.hall.name).toBe('某区政务服务中心');
    expect(c.server.port).toBe(9100);
    expect(c.mqtt.url).toBe('mqtt://127.0.0.1:1883');
  });

  it('lists every problem with the path to fix, in Chinese and English', () => {
    let error: unknown;
    try {
      loadConfig({ HALL_PORT: 'eighty', HALL_TIME_ZONE: 'Mars/Olympus' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toMatch(/HALL_PORT=eighty: 应为整数 \/ must be a whole number/);
    try {
      loadConfig({ HALL_TIME_ZONE: 'Mars/Olympus', HALL_RESET_TIME: '25:00' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('「hall.timeZone」：未知时区');
    expect(problems).toContain('hall.resetTime');
  });

  it("says what is wrong in plain words, never in the schema library's", () => {
    let error: unknown;
    try {
      loadConfig({ HALL_PORT: '70000' });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      '「server.port」不能大于 65535 / server.port must be at most 65535',
    ]);
  });

  it('takes a heartbeat for the hall sockets, and refuses one too short to tell a slow link from a dead one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify({ limits: { socket: { heartbeatSeconds: 30, heartbeatTimeoutSeconds: 20 } } }));
    expect(loadConfig({ HALL_CONFIG: file }).limits.socket).toMatchObject({
      heartbeatSeconds: 30,
      heartbeatTimeoutSeconds: 20,
    });
    expect(loadConfig({}).limits.socket).toMatchObject({ heartbeatSeconds: 10, heartbeatTimeoutSeconds: 8 });
    writeFileSync(file, JSON.stringify({ limits: { socket: { heartbeatSeconds: 1 } } }));
    let error: unknown;
    try {
      loadConfig({ HALL_CONFIG: file });
    } catch (e) {
      error = e;
    }
    expect((error as ConfigError).problems).toEqual([
      '「limits.socket.heartbeatSeconds」不能小于 2 / limits.socket.heartbeatSeconds must be at least 2',
    ]);
  });
});
