/**
 * 一窗受理 against a catalog that changed while the clerk ticked the checklist (issue 9, bad input): the window sends
 * the matter version its checklist came from. A new version with another material list is refused (CATALOG_CHANGED)
 * naming what was added and dropped; a matter withdrawn (停用) meanwhile is refused (MATTER_NOT_IN_FORCE); nothing is
 * created either way. A new version with the same checklist (only the fee changed) is received under that version.
 * Real hall server, REST, real SQLite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar, type CaseDetail, type CaseSummary, type Matter } from '@onedoor/protocol';
import { startTestHall, type TestHall } from '../helpers/test-hall';

type Body<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; messageEn: string } };

let hall: TestHall;
const tokens: Record<string, string> = {};

async function api<T>(who: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${hall.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${tokens[who]}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Body<T> };
}
async function ok<T>(who: string, method: string, path: string, body?: unknown): Promise<T> {
  const r = await api<T>(who, method, path, body);
  if (!r.body.ok) throw new Error(`${method} ${path} → ${r.status} ${r.body.error.code} ${r.body.error.message}`);
  return r.body.data;
}

const first17 = '33010519700515002';
const applicant = { kind: 'person', name: '钱七', idNumber: first17 + idNumberCheckChar(first17) };

beforeAll(async () => {
  hall = await startTestHall();
  for (const u of ['clerk01', 'manager01']) tokens[u] = await hall.login(u);
});
afterAll(async () => {
  await hall?.close();
});

describe('the catalog changed between choosing and accepting', () => {
  let v1: Matter;
  const receive = (version: number, materialIds: string[]) =>
    api<CaseDetail>('clerk01', 'POST', '/api/cases', {
      matterId: 'spjy-xk',
      matterVersion: version,
      applicant,
      materials: materialIds.map((materialId) => ({ materialId, status: 'received' })),
      accept: true,
    });
  const caseCount = async () => (await ok<CaseSummary[]>('clerk01', 'GET', '/api/cases?limit=500')).length;

  it('refuses a checklist of the old version, naming the materials added and dropped; nothing is created', async () => {
    v1 = await ok<Matter>('clerk01', 'GET', '/api/catalog/matters/spjy-xk');
    const ticked = v1.materials.filter((m) => m.need !== 'optional').map((m) => m.materialId);
    expect(ticked).toContain('m-jkzm');
    // The manager publishes version 2: 健康证明 dropped, 消防安全制度 added.
    const v2 = await ok<Matter>('manager01', 'PUT', '/api/catalog/matters/spjy-xk', {
      ...v1,
      version: v1.version + 1,
      materials: [
        ...v1.materials.filter((m) => m.materialId !== 'm-jkzm'),
        { materialId: 'm-xf-zd', sort: 9, need: 'required', originalCount: 1, copyCount: 0 },
      ],
    });
    const before = await caseCount();
    const r = await receive(v1.version, ticked);
    expect(r.status).toBe(409);
    if (r.body.ok) throw new Error('accepted an outdated checklist');
    expect(r.body.error.code).toBe('CATALOG_CHANGED');
    expect(r.body.error.message).toBe(
      `事项「食品经营许可」的材料清单已更新（第${v1.version}版 → 第${v2.version}版）：新增「消防安全制度和灭火及应急疏散预案」；不再需要「从业人员健康证明」。请按新清单核对后再受理；本次未收件`,
    );
    expect(r.body.error.messageEn).toContain(
      'added 消防安全制度和灭火及应急疏散预案; no longer needed 从业人员健康证明',
    );
    expect(await caseCount()).toBe(before);

    // Ticked again against version 2: received, under version 2.
    const newList = v2.materials.filter((m) => m.need !== 'optional').map((m) => m.materialId);
    const accepted = await receive(v2.version, newList);
    expect(accepted.body.ok && accepted.body.data).toMatchObject({ matterVersion: v2.version });
    expect(accepted.body.ok && accepted.body.data.acceptedAt).not.toBeNull();
  });

  it('receives a checklist whose version changed only outside the materials (the fee), under the new version', async () => {
    const v2 = await ok<Matter>('clerk01', 'GET', '/api/catalog/matters/spjy-xk');
    const v3 = await ok<Matter>('manager01', 'PUT', '/api/catalog/matters/spjy-xk', {
      ...v2,
      version: v2.version + 1,
      fee: { chargeable: false, standard: '不收费（演示）' },
    });
    const ticked = v2.materials.filter((m) => m.need !== 'optional').map((m) => m.materialId);
    const r = await receive(v2.version, ticked);
    expect(r.body.ok && r.body.data.matterVersion).toBe(v3.version);
  });

  it('refuses a matter withdrawn (停用) since the clerk chose it; nothing is created', async () => {
    const current = await ok<Matter>('clerk01', 'GET', '/api/catalog/matters/spjy-xk');
    await ok<Matter>('manager01', 'PUT', '/api/catalog/matters/spjy-xk', {
      ...current,
      version: current.version + 1,
      enabled: false,
    });
    const before = await caseCount();
    const ticked = current.materials.filter((m) => m.need !== 'optional').map((m) => m.materialId);
    const r = await receive(current.version, ticked);
    expect(r.status).toBe(409);
    expect(r.body.ok ? null : r.body.error).toMatchObject({
      code: 'MATTER_NOT_IN_FORCE',
      message: '事项「食品经营许可」已停止办理（已从事项目录停用或失效），本次未收件；请告知申请人或改选其他事项',
    });
    expect(await caseCount()).toBe(before);
  });
});
