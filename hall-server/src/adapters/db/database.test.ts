import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from './database.js';

describe('the statements the database keeps', () => {
  let dir: string;
  let db: Db;
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('are compiled once per SQL text, and a caller’s pluck() does not reach the next caller', () => {
    dir = mkdtempSync(join(tmpdir(), 'onedoor-db-'));
    db = openDatabase({ file: join(dir, 'hall.sqlite') });
    db.prepare("INSERT INTO meta (key, value) VALUES ('a', '1')").run();
    const sql = "SELECT value FROM meta WHERE key = 'a'";
    expect(db.prepare(sql)).toBe(db.prepare(sql));
    expect(db.prepare(sql).pluck().get()).toBe('1');
    // Before the reset, this caller got the bare string the previous one asked for.
    expect(db.prepare(sql).get()).toEqual({ value: '1' });
    expect(db.prepare(sql).raw().get()).toEqual(['1']);
    expect(db.prepare(sql).get()).toEqual({ value: '1' });
  });
});
