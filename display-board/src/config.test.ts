import { describe, expect, it } from 'vitest';
import { configFromSettings, hashWithoutToken, parseBoardConfig, parseStoredSettings } from './config';

describe('parseBoardConfig', () => {
  it('defaults to the whole hall, speaking each call twice', () => {
    const { config, token } = parseBoardConfig('', '');
    expect(config).toMatchObject({
      mode: 'board',
      services: null,
      windows: null,
      voice: true,
      repeat: 2,
      speech: 'browser',
    });
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(token).toBeNull();
  });

  it('reads filters from the query and the token and test switches from the hash', () => {
    const { config, token } = parseBoardConfig('?services=general,tax&windows=w01', '#token=abc.def&speech=record');
    expect(config.services).toEqual(['general', 'tax']);
    expect(config.windows).toEqual(['w01']);
    expect(config.speech).toBe('record');
    expect(token).toBe('abc.def');
  });

  it('makes a silent window strip from ?window=', () => {
    const { config } = parseBoardConfig('?window=w12', '');
    expect(config).toMatchObject({ mode: 'window', windowId: 'w12', windows: ['w12'], voice: false });
    expect(parseBoardConfig('?window=w12&voice=on', '').config.voice).toBe(true);
  });

  it('takes device settings when the address says nothing, and ignores junk', () => {
    const { config } = parseBoardConfig('?repeat=9&tz=Mars/Base', '', {
      services: ['social'],
      windows: 'w01, w02',
      recent: 5,
    });
    expect(config.services).toEqual(['social']);
    expect(config.windows).toEqual(['w01', 'w02']);
    expect(config.recentCount).toBe(5);
    expect(config.repeat).toBe(5);
    expect(config.timeZone).toBe('Asia/Shanghai');
    expect(parseBoardConfig('?services=<script>', '').config.services).toBeNull();
  });

  it('removes only the token from the hash', () => {
    expect(hashWithoutToken('#token=x&speech=record')).toBe('#speech=record');
    expect(hashWithoutToken('#token=x')).toBe('');
  });
});

describe('device settings → board config (device:settings, applied live)', () => {
  const board = parseBoardConfig('', '#speech=record').config;

  it('a console change of services reaches the config, and says what changed', () => {
    const { config, changed } = configFromSettings(board, '', '#speech=record', { services: ['real-estate'] });
    expect(config.services).toEqual(['real-estate']);
    expect(changed).toEqual(['services']);
    expect(config.speech).toBe('record');
  });

  it('the same settings again change nothing (the controller then touches nothing)', () => {
    const once = configFromSettings(board, '', '', { services: ['tax'], repeat: 3 });
    expect(once.changed.sort()).toEqual(['repeat', 'services']);
    const again = configFromSettings(once.config, '', '', { services: ['tax'], repeat: 3 });
    expect(again.changed).toEqual([]);
    expect(again.config).toBe(once.config);
  });

  it('the address still wins over the settings', () => {
    const fromUrl = parseBoardConfig('?services=general', '').config;
    const { config, changed } = configFromSettings(fromUrl, '?services=general', '', { services: ['tax'], recent: 4 });
    expect(config.services).toEqual(['general']);
    expect(config.recentCount).toBe(4);
    expect(changed).toEqual(['recentCount']);
  });

  it('emptied settings fall back to the defaults (all services, voice on)', () => {
    const filtered = configFromSettings(board, '', '', { services: ['tax'], voice: 'off' }).config;
    expect(filtered).toMatchObject({ services: ['tax'], voice: false });
    const { config, changed } = configFromSettings(filtered, '', '', {});
    expect(config).toMatchObject({ services: null, voice: true });
    expect(changed.sort()).toEqual(['services', 'voice']);
  });

  it('settings can turn a board into a window strip, and keep the speech port the page started with', () => {
    const { config, changed } = configFromSettings(board, '', '', { window: 'w12', speech: 'browser' });
    expect(config).toMatchObject({ mode: 'window', windowId: 'w12', windows: ['w12'], voice: false, speech: 'record' });
    expect(changed).toEqual(expect.arrayContaining(['mode', 'windowId', 'windows', 'voice']));
    expect(changed).not.toContain('speech');
  });

  it('junk in settings is ignored', () => {
    const { config } = configFromSettings(board, '', '', { services: '<script>', repeat: 'x', tz: 'Nowhere/Land' });
    expect(config).toMatchObject({ services: null, repeat: 2, timeZone: 'Asia/Shanghai' });
  });

  it('stored settings survive a restart; broken storage gives none', () => {
    expect(parseStoredSettings('{"services":["tax"]}')).toEqual({ services: ['tax'] });
    expect(parseStoredSettings(null)).toEqual({});
    expect(parseStoredSettings('[1,2]')).toEqual({});
    expect(parseStoredSettings('{oops')).toEqual({});
  });
});
