import { describe, expect, it } from 'vitest';
import type { ServiceView } from '@onedoor/protocol';
import { buildSearchIndex, searchEntries } from './search';
import { searchCatalog, groupServices, mattersOf, hallOpenNow } from './catalog';
import { BUNDLES, FALLBACK_MATTERS } from './config';

const svc = (
  id: string,
  name: string,
  nameEn: string,
  group: string,
  sort: number,
  extra: Partial<ServiceView> = {},
): ServiceView => ({
  id,
  name,
  nameEn,
  group,
  prefix: 'A',
  realName: false,
  enabled: true,
  openNow: true,
  waiting: 0,
  issuedToday: 0,
  estimatedWaitMinutes: 0,
  sort,
  matters: [],
  hoursText: '',
  perPersonDailyLimit: 0,
  ...extra,
});

const services = [
  svc('general', '综合受理', 'General intake', '综合服务', 0),
  svc('real-estate', '不动产登记', 'Real estate registration', '不动产', 1),
  svc('household', '户政业务', 'Household registration', '公安', 2, { realName: true }),
  svc('business', '企业开办', 'Starting a business', '市场监管', 4),
  svc('consult', '咨询导办', 'Information desk', '综合服务', 9),
  svc('old', '已停用业务', 'Disabled', '其他', 10, { enabled: false }),
];
const index = buildSearchIndex(searchCatalog(services, BUNDLES, FALLBACK_MATTERS));
const labels = (q: string) => searchEntries(index, q).map((e) => `${e.kind}:${e.label}`);

describe('kiosk search', () => {
  it('pinyin initials find 营业执照 (yyzz) and say which services take it', () => {
    const hits = searchEntries(index, 'yyzz');
    expect(hits[0]).toMatchObject({ kind: 'matter', label: '营业执照设立登记', serviceIds: ['general', 'business'] });
  });

  it('finds by Chinese text, full pinyin, initials prefix and English', () => {
    expect(labels('营业')).toContain('matter:营业执照设立登记');
    expect(labels('yingye')).toContain('matter:营业执照设立登记');
    expect(labels('bdc')[0]).toBe('service:不动产登记');
    expect(labels('BDC')[0]).toBe('service:不动产登记');
    expect(labels('hz')).toContain('service:户政业务');
    expect(labels('business')).toContain('service:企业开办');
  });

  it('finds 一件事 bundles by initials (kcg → 开餐馆) mapped to their service', () => {
    expect(searchEntries(index, 'kcg')[0]).toMatchObject({ kind: 'bundle', label: '开餐馆', serviceIds: ['business'] });
  });

  it('ranks a service name above matters that merely contain the text', () => {
    expect(labels('不动产')[0]).toBe('service:不动产登记');
  });

  it('finds nothing for an empty query, a disabled service or gibberish', () => {
    expect(labels('  ')).toEqual([]);
    expect(labels('已停用')).toEqual([]);
    expect(labels('qqqqxx')).toEqual([]);
  });
});

describe('kiosk catalog', () => {
  it('groups enabled services by theme in the hall order', () => {
    const groups = groupServices(services);
    expect(groups.map((g) => g.name)).toEqual(['综合服务', '不动产', '公安', '市场监管']);
    expect(groups[0]!.services.map((s) => s.id)).toEqual(['general', 'consult']);
  });

  it('prefers matters sent by the server (matterIds) over the fallback list', () => {
    const withMatters = [{ ...services[0]!, matterIds: ['工程建设许可'] }] as unknown as ServiceView[];
    expect(mattersOf(withMatters, FALLBACK_MATTERS)).toEqual([
      { name: '工程建设许可', nameEn: '工程建设许可', serviceIds: ['general'] },
    ]);
    // Fallback matters only point at services this hall has.
    const onlyGeneral = mattersOf([services[0]!], FALLBACK_MATTERS);
    expect(onlyGeneral.every((m) => m.serviceIds.every((id) => id === 'general'))).toBe(true);
  });

  it('is open when one enabled service is open', () => {
    expect(hallOpenNow(services)).toBe(true);
    expect(hallOpenNow(services.map((s) => ({ ...s, openNow: false })))).toBe(false);
  });
});
