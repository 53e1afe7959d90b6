import { describe, expect, it } from 'vitest';
import type { ServiceView } from '@onedoor/protocol';
import { buildSearchIndex, searchEntries } from './search';
import { commonHours, searchCatalog, groupServices, mattersOf, hallOpenNow, tileHours } from './catalog';
import type { KioskBundle } from '@onedoor/protocol';
import { FALLBACK_MATTERS } from './config';

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
  // Matters as the demo hall sends them (ServiceView.matters).
  svc('general', '综合受理', 'General intake', '综合服务', 0, {
    matters: ['营业执照设立登记', '食品经营许可', '社保卡补换', '公积金提取'],
  }),
  svc('real-estate', '不动产登记', 'Real estate registration', '不动产', 1, {
    matters: ['不动产转移登记', '不动产抵押登记'],
  }),
  svc('household', '户政业务', 'Household registration', '公安', 2, {
    realName: true,
    matters: ['户口迁移', '居民身份证换领'],
  }),
  svc('business', '企业开办', 'Starting a business', '市场监管', 4, {
    matters: ['营业执照设立登记', '印章刻制', '发票申领'],
  }),
  svc('consult', '咨询导办', 'Information desk', '综合服务', 9),
  svc('old', '已停用业务', 'Disabled', '其他', 10, { enabled: false }),
];
// As the hall's catalog answers `catalog:bundles`.
const BUNDLES: KioskBundle[] = [
  {
    id: 'yjs-kcg',
    name: '开餐馆',
    nameEn: 'Open a restaurant',
    serviceId: 'business',
    covers: '营业执照 · 食品经营许可',
    coversEn: 'Business licence · food permit',
  },
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

  it('uses the matters the server sends (ServiceView.matters), with English names from the fallback when known', () => {
    const withMatters = [
      { ...services[0]!, matters: ['工程建设许可', '营业执照设立登记'] },
      { ...services[3]!, matters: ['营业执照设立登记'] },
      { ...services[1]!, matters: [] },
    ];
    expect(mattersOf(withMatters, FALLBACK_MATTERS)).toEqual([
      { name: '工程建设许可', nameEn: '工程建设许可', serviceIds: ['general'] },
      { name: '营业执照设立登记', nameEn: 'Business licence registration', serviceIds: ['general', 'business'] },
    ]);
    // Server data replaces the fallback entirely: 不动产转移登记 is not offered when the server lists none.
    const idx = buildSearchIndex(searchCatalog(withMatters, BUNDLES, FALLBACK_MATTERS));
    expect(searchEntries(idx, 'gcjs')[0]).toMatchObject({ kind: 'matter', label: '工程建设许可' });
    expect(searchEntries(idx, '不动产转移').filter((e) => e.kind === 'matter')).toEqual([]);
  });

  it('an older server without `matters` gets the fallback list, limited to the services it has', () => {
    const old = services.map(({ matters: _m, ...rest }) => rest);
    expect(mattersOf(old, FALLBACK_MATTERS).map((m) => m.name)).toContain('营业执照设立登记');
    const onlyGeneral = mattersOf([old[0]!], FALLBACK_MATTERS);
    expect(onlyGeneral.length).toBeGreaterThan(0);
    expect(onlyGeneral.every((m) => m.serviceIds.every((id) => id === 'general'))).toBe(true);
  });

  it('shows the hours most services share once, and on a tile only hours that differ (or when it is closed)', () => {
    const weekdays = '周一至周五 08:30-12:00；周一至周五 13:30-17:30';
    const hall = [
      { ...services[0]!, hoursText: weekdays },
      { ...services[1]!, hoursText: weekdays },
      { ...services[3]!, hoursText: '周一至周五 09:00-12:00' },
      { ...services[4]!, hoursText: '' },
    ];
    expect(commonHours(hall)).toBe(weekdays);
    expect(commonHours(services)).toBe('');
    expect(tileHours(hall[0]!, weekdays)).toBe('');
    expect(tileHours({ ...hall[0]!, openNow: false }, weekdays)).toBe(weekdays);
    expect(tileHours(hall[2]!, weekdays)).toBe('周一至周五 09:00-12:00');
    expect(tileHours(hall[3]!, weekdays)).toBe('');
  });

  it('names the groups and words the hours in English: the hall’s own English first, then the kiosk’s words', () => {
    const groups = groupServices([{ ...services[0]!, groupEn: 'One-stop desk' }, ...services.slice(1)]);
    expect(groups.map((g) => g.nameEn)).toEqual([
      'One-stop desk',
      'Real estate',
      'Public security',
      'Market regulation',
    ]);
    expect(groupServices([{ ...services[0]!, group: '某某专区' }])[0]!.nameEn).toBe('某某专区');
    const en = [
      { ...services[0]!, hoursText: '周一至周五 08:30-17:30', hoursTextEn: 'Mon–Fri 08:30-17:30' },
      { ...services[1]!, hoursText: '周一至周五 08:30-17:30', hoursTextEn: 'Mon–Fri 08:30-17:30' },
      { ...services[3]!, hoursText: '周六 09:00-12:00' },
    ];
    expect(commonHours(en, 'en')).toBe('Mon–Fri 08:30-17:30');
    expect(commonHours(en, 'zh')).toBe('周一至周五 08:30-17:30');
    // An older server sends Chinese hours only: they are shown rather than nothing.
    expect(tileHours(en[2]!, 'Mon–Fri 08:30-17:30', 'en')).toBe('周六 09:00-12:00');
  });

  it('is open when one enabled service is open', () => {
    expect(hallOpenNow(services)).toBe(true);
    expect(hallOpenNow(services.map((s) => ({ ...s, openNow: false })))).toBe(false);
  });
});
