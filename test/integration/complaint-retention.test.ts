/**
 * Complainants are personal data (DESIGN.md rule 8): over a real SQLite file, the sealed name and phone of an archived
 * complaint are dropped once past `retention.personalDataDays`, the masked form and the file stay; a complaint still
 * open keeps its complainant for the feedback call.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hallConfigSchema } from '../../hall-server/src/config/config.schema.js';
import { openSqliteHall } from '../helpers/sqlite-hall.js';

const DAY = 86_400_000;

describe('complainant retention (real SQLite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'onedoor-complaints-'));
  let offset = 0;
  const hall = openSqliteHall({
    file: join(dir, 'hall.db'),
    clock: { now: () => Date.now() + offset },
    config: hallConfigSchema.parse({ log: { level: 'silent' }, retention: { personalDataDays: 180 } }),
  });
  afterAll(() => {
    hall.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('drops an archived complaint’s complainant after the retention, keeps an open one’s', async () => {
    const { complaints, retention } = hall.app;
    const staff = { id: 'manager01', name: '王主任' };
    const register = async () => {
      const r = await complaints.register(
        {
          channel: 'phone',
          category: 'suggestion',
          complainant: { name: '张三丰', phone: '13812345678', anonymous: false },
          content: '建议增加周末窗口',
        },
        staff,
      );
      if (!r.ok) throw new Error(r.error.messageEn);
      return r.value;
    };
    const archived = await register();
    for (const step of [
      { action: 'investigate', note: '已了解' },
      { action: 'handle', note: '已采纳' },
      { action: 'feedback', note: '已答复', satisfaction: 'satisfied' },
      { action: 'archive', note: '归档' },
    ] as const)
      expect((await complaints.step(archived.id, step, staff)).ok).toBe(true);
    const open = await register();

    offset += 181 * DAY;
    expect((await retention.purge()).complaints).toBe(1);
    const gone = complaints.complainant(archived.id, staff.id);
    expect(!gone.ok && gone.error.message).toBe('投诉人信息已按保存期限删除（或登记时未留）');
    const kept = complaints.find(archived.id);
    expect(kept.ok && kept.value.complainant).toEqual({ name: '张*丰', phone: '138****5678', anonymous: false });
    expect(complaints.complainant(open.id, staff.id)).toEqual({
      ok: true,
      value: { name: '张三丰', phone: '13812345678' },
    });
    expect((await retention.purge()).complaints).toBe(0);
  });
});
