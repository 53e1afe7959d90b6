import {
  serviceConfigSchema,
  windowConfigSchema,
  type AppointmentInput,
  type DeviceInput,
  type ServiceConfig,
  type StaffRole,
  type WindowConfig,
} from '@onedoor/protocol';

/**
 * 演示数据 / DEMO DATA — a realistic city 政务服务中心, seeded on first start of `npm start`.
 * Not a real hall; names and numbers are made up.
 */
const weekdays = [1, 2, 3, 4, 5];
const dayHours = [
  { days: weekdays, from: '08:30', to: '12:00' },
  { days: weekdays, from: '13:30', to: '17:30' },
];
// The demo hall takes numbers at any hour so a newcomer can try it in the evening too (from = to: the whole day; an
// end of 23:59 is exclusive and closed the last minute of every day).
const demoHours = [{ days: [1, 2, 3, 4, 5, 6, 7], from: '00:00', to: '00:00' }];

const raw = [
  {
    id: 'general',
    name: '综合受理',
    nameEn: 'General intake',
    group: '综合服务',
    groupEn: 'General services',
    prefix: 'A',
    matterIds: ['营业执照设立登记', '食品经营许可', '社保卡补换', '公积金提取'],
  },
  {
    id: 'real-estate',
    name: '不动产登记',
    nameEn: 'Real estate registration',
    group: '不动产',
    groupEn: 'Real estate',
    prefix: 'B',
    matterIds: ['不动产转移登记', '不动产抵押登记'],
    bundleIds: ['yjs-esf'],
    defaultServiceMinutes: 15,
  },
  {
    id: 'household',
    name: '户政业务',
    nameEn: 'Household registration',
    group: '公安',
    groupEn: 'Public security',
    prefix: 'C',
    matterIds: ['户口迁移', '居民身份证换领'],
    realName: true,
    perPersonDailyLimit: 2,
  },
  {
    id: 'exit-entry',
    name: '出入境',
    nameEn: 'Exit & entry',
    group: '公安',
    groupEn: 'Public security',
    prefix: 'D',
    matterIds: ['普通护照签发', '港澳通行证签注'],
    realName: true,
    perPersonDailyLimit: 1,
  },
  {
    id: 'business',
    name: '企业开办',
    nameEn: 'Starting a business',
    group: '市场监管',
    groupEn: 'Market regulation',
    prefix: 'E',
    matterIds: ['营业执照设立登记', '印章刻制', '发票申领'],
    bundleIds: ['yjs-kcg'],
    defaultServiceMinutes: 12,
  },
  {
    id: 'social-security',
    name: '社保医保',
    nameEn: 'Social & medical insurance',
    group: '人社医保',
    groupEn: 'Social security',
    prefix: 'F',
    matterIds: ['社保卡补换', '医保关系转移'],
  },
  {
    id: 'housing-fund',
    name: '住房公积金',
    nameEn: 'Housing provident fund',
    group: '公积金',
    groupEn: 'Housing fund',
    prefix: 'G',
    matterIds: ['公积金提取', '公积金贷款'],
  },
  {
    id: 'tax',
    name: '税务办理',
    nameEn: 'Tax',
    group: '税务',
    groupEn: 'Tax',
    prefix: 'H',
    matterIds: ['个人所得税汇算', '发票代开'],
  },
  {
    id: 'pickup',
    name: '出件取证',
    nameEn: 'Result pick-up',
    group: '综合服务',
    groupEn: 'General services',
    prefix: 'J',
    matterIds: [],
    defaultServiceMinutes: 3,
  },
  {
    id: 'consult',
    name: '咨询导办',
    nameEn: 'Information desk',
    group: '综合服务',
    groupEn: 'General services',
    prefix: 'K',
    matterIds: [],
    defaultServiceMinutes: 4,
  },
];

/** The demo services, open at any hour unless `officeHours` (config `demo.officeHours`) asks for real ones. */
export function demoServices(officeHours: boolean): ServiceConfig[] {
  return raw.map((s, i) =>
    serviceConfigSchema.parse({ ...s, openingHours: officeHours ? dayHours : demoHours, dailyCap: 500, sort: i }),
  );
}

export const DEMO_SERVICES: ServiceConfig[] = demoServices(false);

const win = (
  n: number,
  kind: WindowConfig['kind'],
  name: string,
  services: [string, number][],
  extra: Partial<WindowConfig> = {},
): WindowConfig =>
  windowConfigSchema.parse({
    id: `w${String(n).padStart(2, '0')}`,
    number: String(n),
    name,
    kind,
    zone: n <= 8 ? 'A区' : n <= 16 ? 'B区' : 'C区',
    services: services.map(([serviceId, order]) => ({ serviceId, order })),
    ...extra,
  });

export const DEMO_WINDOWS: WindowConfig[] = [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n) =>
    win(
      n,
      'comprehensive',
      `${n}号窗口`,
      [
        ['general', 1],
        ['business', 2],
        ['social-security', 2],
        ['housing-fund', 2],
      ],
      n <= 2 ? { devices: { pad: `pad-w0${n}`, led: `led-w0${n}`, evaluator: `eval-w0${n}` } } : {},
    ),
  ),
  ...[9, 10, 11].map((n) => win(n, 'special', `${n}号窗口`, [['real-estate', 1]])),
  ...[12, 13, 14].map((n) =>
    win(n, 'special', `${n}号窗口`, [
      ['household', 1],
      ['exit-entry', 2],
    ]),
  ),
  win(15, 'special', '15号窗口', [['exit-entry', 1]]),
  win(16, 'special', '16号窗口', [
    ['tax', 1],
    ['business', 2],
  ]),
  ...[17, 18].map((n) => win(n, 'pickup', `${n}号窗口`, [['pickup', 1]])),
  ...[19, 20].map((n) => win(n, 'consult', `${n}号咨询台`, [['consult', 1]])),
];

export const DEMO_PASSWORD = 'demo1234';

/**
 * The demo staff cards (their own ID cards, invented, valid check digit): 林峰 at 19号咨询台 (导办) unlocks 绿色通道 at a
 * kiosk with it. The kiosk's virtual reader offers the same card.
 */
export const DEMO_STAFF_CARDS: { staffId: string; name: string; idNumber: string }[] = [
  { staffId: 'clerk19', name: '林峰', idNumber: '330102198808087016' },
];

export const DEMO_STAFF: { id: string; username: string; name: string; roles: StaffRole[] }[] = [
  { id: 'admin', username: 'admin', name: '系统管理员', roles: ['admin'] },
  { id: 'manager01', username: 'manager01', name: '王主任', roles: ['manager'] },
  ...DEMO_WINDOWS.map((w, i) => ({
    id: `clerk${String(i + 1).padStart(2, '0')}`,
    username: `clerk${String(i + 1).padStart(2, '0')}`,
    name: [
      '李娜',
      '张伟',
      '王芳',
      '刘洋',
      '陈静',
      '杨磊',
      '赵敏',
      '黄强',
      '周婷',
      '吴军',
      '徐丽',
      '孙涛',
      '马超',
      '朱琳',
      '胡斌',
      '郭敏',
      '何平',
      '高洁',
      '林峰',
      '罗雪',
    ][i]!,
    roles: ['clerk'] as StaffRole[],
  })),
];

export const DEMO_DEVICES: DeviceInput[] = [
  { id: 'kiosk-01', kind: 'kiosk', name: '大厅入口取号机', windowId: null, settings: {} },
  { id: 'display-main', kind: 'display', name: '等候区大屏', windowId: null, settings: {} },
  { id: 'gateway-01', kind: 'gateway', name: '窗口设备网关', windowId: null, settings: {} },
  ...[1, 2].flatMap((n): DeviceInput[] => [
    { id: `pad-w0${n}`, kind: 'pad', name: `${n}号窗口呼叫器`, windowId: `w0${n}`, settings: { address: n } },
    { id: `led-w0${n}`, kind: 'led', name: `${n}号窗口LED屏`, windowId: `w0${n}`, settings: { address: 10 + n } },
    {
      id: `eval-w0${n}`,
      kind: 'evaluator',
      name: `${n}号窗口评价器`,
      windowId: `w0${n}`,
      settings: { address: 20 + n },
    },
  ]),
];

/**
 * Demo appointments for the day the demo starts, relative to `now`: one on time, one later today (too early to check
 * in), one whose slot has passed (late → a normal ticket). Codes are printed on start. Invented people.
 */
export function demoAppointments(now: number, dayCode: string): AppointmentInput[] {
  const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString();
  return [
    {
      id: `demo-${dayCode}-1`,
      code: `YY${dayCode}01`,
      serviceId: 'real-estate',
      matter: '不动产转移登记',
      holder: { idNumber: '330102198503151232', name: '陈明' },
      slotStart: at(-10),
      slotEnd: at(50),
      channel: 'web',
    },
    {
      id: `demo-${dayCode}-2`,
      code: `YY${dayCode}02`,
      serviceId: 'business',
      matter: '营业执照设立登记',
      holder: { idNumber: '330106199207084565', name: '林晓雨' },
      slotStart: at(180),
      slotEnd: at(240),
      channel: 'miniprogram',
    },
    {
      id: `demo-${dayCode}-3`,
      code: `YY${dayCode}03`,
      serviceId: 'housing-fund',
      matter: '公积金提取',
      holder: { idNumber: '330108197701207894', name: '周建国' },
      slotStart: at(-180),
      slotEnd: at(-120),
      channel: 'app',
    },
  ];
}
