import { idNumberCheckChar, type Ack, type CaseDetail } from '@onedoor/protocol';

/** A REST call that answers the data or throws the server's English refusal (test setup, not the thing tested). */
export async function restData<T>(baseUrl: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(method === 'GET' ? {} : { body: JSON.stringify(body ?? {}) }),
  });
  const answer = (await res.json()) as Ack<T>;
  if (!answer.ok) throw new Error(`${method} ${path}: ${answer.error.messageEn}`);
  return answer.data;
}

/**
 * Two cases of the demo catalog taken in at the window by `token`'s clerk: a 即办件 (社保卡补换) accepted and
 * concluded on the spot, and a 户口迁移 refused at intake (不予受理).
 */
export async function takeInConcludedAndRefused(baseUrl: string, token: string) {
  const id17 = '33010519700515001';
  const applicant = { kind: 'person', name: '赵六', idNumber: id17 + idNumberCheckChar(id17), phone: '13900001111' };
  const concluded = await restData<CaseDetail>(baseUrl, token, 'POST', '/api/cases', {
    matterId: 'sbk-bh',
    applicant,
    materials: [
      { materialId: 'm-sfz', status: 'cert-lookup' },
      { materialId: 'm-sbk-sqb', status: 'received' },
      { materialId: 'm-zp', status: 'received' },
    ],
    accept: true,
  });
  await restData(baseUrl, token, 'POST', `/api/cases/${concluded.id}/approve`, { opinion: '当场制卡' });
  const received = await restData<CaseDetail>(baseUrl, token, 'POST', '/api/cases', {
    matterId: 'hk-qy',
    answers: { qclx: 'other' },
    applicant,
    materials: [{ materialId: 'm-sfz', status: 'received' }],
  });
  const refused = await restData<CaseDetail>(baseUrl, token, 'POST', `/api/cases/${received.id}/reject`, {
    reason: '不属于本大厅受理范围',
  });
  return { concluded, refused };
}
