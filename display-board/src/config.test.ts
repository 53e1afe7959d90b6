import { describe, expect, it } from 'vitest';
import { hashWithoutToken, parseBoardConfig } from './config';

describe('parseBoardConfig', () => {
  it('defaults to the whole hall, speaking each call twice', () => {
    const { config, token } = parseBoardConfig('', '');
    expect(config).toMatchObject({ mode: 'board', services: null, windows: null, voice: true, repeat: 2, speech: 'browser' });
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
    const { config } = parseBoardConfig('?repeat=9&tz=Mars/Base', '', { services: ['social'], windows: 'w01, w02', recent: 5 });
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
