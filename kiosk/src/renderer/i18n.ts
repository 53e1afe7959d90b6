/** The kiosk's words in Chinese and English. */
import type { ErrorCode } from '@onedoor/protocol';
import type { Lang } from './visit-flow';

const TEXT = {
  title: { zh: '自助取号', en: 'Take a number' },
  welcome: { zh: '欢迎办事，请选择您要办理的业务', en: 'Welcome — choose what you came for' },
  searchPlaceholder: {
    zh: '搜索业务或事项，如“营业执照”或拼音首字母 yyzz',
    en: 'Search: a service or matter, in English, Chinese or pinyin',
  },
  searchNone: {
    zh: '没有找到，请换个说法，或到咨询导办台询问',
    en: 'Nothing found — try other words or ask at the information desk',
  },
  clear: { zh: '清除', en: 'Clear' },
  bundles: { zh: '一件事 · 一次办', en: 'One thing, one visit' },
  bundleHint: { zh: '一次取号，综合窗口一并办理', en: 'One number for the whole bundle' },
  waiting: { zh: '等候', en: 'waiting' },
  people: { zh: '人', en: '' },
  aboutMinutes: { zh: '约 {n} 分钟', en: '~{n} min' },
  realName: { zh: '需刷身份证', en: 'ID card needed' },
  closedNow: { zh: '非办理时间', en: 'Closed now' },
  hours: { zh: '办理时间：{h}', en: 'Hours: {h}' },
  perPersonLimit: { zh: '本业务每人每天限取 {n} 个号', en: 'Up to {n} numbers per person per day' },
  hallOpen: { zh: '正在办理 · 可以取号', en: 'Open — numbers available' },
  hallClosed: { zh: '当前不在办理时间，暂不能取号', en: 'Outside opening hours — no numbers now' },
  takeNumber: { zh: '取号', en: 'Take a number' },
  back: { zh: '返回', en: 'Back' },
  home: { zh: '返回首页', en: 'Home' },
  done: { zh: '完成', en: 'Done' },
  confirmTitle: { zh: '确认取号', en: 'Confirm' },
  aheadOfYou: { zh: '前面等候 {n} 人，预计等待 {m} 分钟', en: '{n} waiting ahead, about {m} min' },
  cardNeeded: {
    zh: '本业务实行实名取号，请在下方读卡区放置身份证',
    en: 'This service needs your ID card: place it on the reader below',
  },
  swipeCard: { zh: '请刷身份证', en: 'Please place your ID card on the reader' },
  cardRead: { zh: '已读取身份证：{name}', en: 'ID card read: {name}' },
  issuing: { zh: '正在取号，请稍候…', en: 'Getting your number…' },
  printing: { zh: '正在打印号票，请稍候…', en: 'Printing your ticket…' },
  yourNumber: { zh: '您的号码', en: 'Your number' },
  takeTicket: { zh: '请取走号票，留意叫号屏和语音', en: 'Take your ticket and watch the screens' },
  scanToFollow: { zh: '微信扫码查看排队进度', en: 'Scan to follow your place in the queue' },
  peopleAhead: { zh: '前面还有 {n} 人', en: '{n} ahead of you' },
  estimated: { zh: '预计等待 {m} 分钟', en: 'about {m} min' },
  printFailedTitle: { zh: '号票打印失败', en: 'The ticket could not be printed' },
  printFailedBody: {
    zh: '本次取号已作废，不会被叫号。请联系大厅工作人员（咨询导办台）协助取号，或稍后再试。',
    en: 'This number has been cancelled and will not be called. Please ask the staff at the information desk, or try again later.',
  },
  refusedTitle: { zh: '暂时不能取号', en: 'We cannot give you a number' },
  maintenanceTitle: { zh: '系统维护中，请稍候', en: 'Service temporarily unavailable' },
  maintenanceBody: {
    zh: '取号机正在重新连接大厅系统，恢复后自动可用。急办请到咨询导办台。',
    en: 'The kiosk is reconnecting to the hall system and will be back by itself. For urgent matters please go to the information desk.',
  },
  maintenancePending: {
    zh: '您刚才的取号正在确认中，恢复后自动继续，请不要离开。',
    en: 'Your number is being confirmed and will continue automatically — please stay.',
  },
  connecting: { zh: '正在连接大厅系统…', en: 'Connecting to the hall…' },
  appointment: { zh: '预约签到', en: 'Appointment check-in' },
  appointmentCode: { zh: '预约码', en: 'Appointment code' },
  appointmentOrCard: {
    zh: '输入预约码，或刷预约时使用的身份证',
    en: 'Type your appointment code, or place the ID card you booked with',
  },
  checkInByCode: { zh: '输入预约码', en: 'Type the code' },
  checkInCodeHint: {
    zh: '预约码为6–12位字母或数字，见预约短信',
    en: '6–12 letters or digits, from your booking message',
  },
  checkInByCard: { zh: '或刷身份证', en: 'Or place your ID card' },
  checkInCardHint: { zh: '请将身份证放在下方读卡区', en: 'Put the card on the reader below' },
  checkInSubmit: { zh: '签到', en: 'Check in' },
  clearCode: { zh: '清空', en: 'Clear' },
  checkingIn: { zh: '正在签到，请稍候…', en: 'Checking you in…' },
  checkInRefusedTitle: { zh: '暂时不能签到', en: 'We cannot check you in' },
  walkIn: { zh: '直接取号', en: 'Take a number instead' },
  retypeCode: { zh: '重新输入预约码', en: 'Type the code again' },
  checkedIn: { zh: '预约签到成功', en: 'Checked in' },
  lateWalkIn: { zh: '已超过预约时段', en: 'Past your booked time' },
  elderOn: { zh: '长辈模式', en: 'Large text' },
  elderOff: { zh: '标准模式', en: 'Standard' },
  language: { zh: 'English', en: '中文' },
  backHomeIn: { zh: '{n} 秒后返回首页', en: 'Home in {n} s' },
  printerDown: {
    zh: '打印机暂不可用：{reason}，取号后将无法出票，请联系工作人员',
    en: 'Printer unavailable: {reason}',
  },
  readerDown: {
    zh: '读卡器暂不可用，实名业务请到咨询导办台',
    en: 'ID reader unavailable — real-name services at the information desk',
  },
  pairTitle: { zh: '取号机配对', en: 'Pair this kiosk' },
  pairBody: { zh: '请输入管理员在控制台生成的6位配对码', en: 'Enter the 6-digit pairing code from the console' },
  pair: { zh: '配对', en: 'Pair' },
  adminTitle: { zh: '管理员', en: 'Administrator' },
  adminPin: { zh: '请输入管理密码', en: 'Enter the admin PIN' },
  adminWrong: { zh: '密码错误', en: 'Wrong PIN' },
  adminExit: { zh: '退出取号程序', en: 'Exit the kiosk' },
  adminUnpair: { zh: '解除配对', en: 'Unpair' },
  cancel: { zh: '取消', en: 'Cancel' },
  groupOther: { zh: '其他', en: 'Other' },
  matterAt: { zh: '在「{s}」办理', en: 'at {s}' },
  kindMatter: { zh: '事项', en: 'Matter' },
  kindBundle: { zh: '一件事', en: 'Bundle' },
  kindService: { zh: '业务', en: 'Service' },
  greenChannel: { zh: '绿色通道', en: 'Priority' },
  appointmentPriority: { zh: '预约', en: 'Appointment' },
  slipNotice: { zh: '请留意叫号，过号请到窗口咨询', en: 'Watch for your number; if you miss it, ask at a window' },
  hearAgain: { zh: '再听一遍', en: 'Hear it again (Mandarin)' },
  hallNameFallback: { zh: '政务服务中心', en: 'Government Service Centre' },
  staffGreen: { zh: '工作人员 · 绿色通道', en: 'Staff · priority lane' },
  staffTitle: { zh: '绿色通道（工作人员授权）', en: 'Priority lane (staff only)' },
  staffHint: {
    zh: '请刷工作人员卡或输入工号和密码，授权后为身边的群众取一张绿色通道号',
    en: 'Show the staff card or type the staff ID and password to take one priority number for the visitor',
  },
  staffCodeHint: { zh: '工号为登录窗口系统的用户名', en: 'The staff ID is the window sign-in name' },
  staffCard: { zh: '刷工作人员卡', en: 'Show the staff card' },
  staffCode: { zh: '输入工号和密码', en: 'Type the staff ID and password' },
  staffUsername: { zh: '工号', en: 'Staff ID' },
  staffPassword: { zh: '密码', en: 'Password' },
  staffSubmit: { zh: '授权', en: 'Unlock' },
  staffChecking: { zh: '正在核验工作人员身份…', en: 'Checking the staff member…' },
  greenUnlocked: { zh: '绿色通道已授权（{name}），请选择业务', en: 'Priority lane unlocked by {name}: choose' },
} satisfies Record<string, { zh: string; en: string }>;

export type TextKey = keyof typeof TEXT;

/**
 * The kiosk's English for the group headings halls commonly use, for a hall whose services name no English group
 * (ServiceConfig.groupEn). An unknown group keeps its Chinese name.
 */
const GROUP_EN: Readonly<Record<string, string>> = {
  综合服务: 'General services',
  综合受理: 'General intake',
  不动产: 'Real estate',
  公安: 'Public security',
  户政: 'Household registration',
  出入境: 'Exit & entry',
  市场监管: 'Market regulation',
  人社医保: 'Social security',
  人社: 'Human resources & social security',
  医保: 'Medical insurance',
  社保: 'Social security',
  公积金: 'Housing fund',
  税务: 'Tax',
  民政: 'Civil affairs',
  交通: 'Transport',
  卫健: 'Health',
  其他: 'Other',
};

export function groupNameEn(group: string): string {
  return GROUP_EN[group] ?? group;
}

export function t(lang: Lang, key: TextKey, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** A plain-words line under the server's own message, for refusals a visitor can act on. */
const FRIENDLY: Partial<Record<ErrorCode, { zh: string; en: string }>> = {
  PERSON_LIMIT_REACHED: {
    zh: '为保证大家都能办上事，本业务每人每天取号次数有限。今天您已取满，如有特殊情况请到咨询导办台说明。',
    en: 'To be fair to everyone, each person may take only a few numbers a day for this service. Please ask at the information desk if you need help.',
  },
  DAILY_CAP_REACHED: {
    zh: '今天的号已经发完了，请明天再来，或在网上预约。',
    en: "Today's numbers are all taken. Please come back tomorrow or book online.",
  },
  NUMBER_RANGE_EXHAUSTED: {
    zh: '今天的号已经发完了，请明天再来。',
    en: "Today's numbers are all taken. Please come back tomorrow.",
  },
  SERVICE_CLOSED: {
    zh: '现在不在本业务的办理时间，请在办理时间内再来。',
    en: 'This service is closed now. Please come back during opening hours.',
  },
  SERVICE_DISABLED: {
    zh: '本业务暂停取号，请到咨询导办台询问。',
    en: 'This service is paused. Please ask at the information desk.',
  },
  INVALID_ID_NUMBER: {
    zh: '身份证信息读取有误，请重新刷卡或到咨询导办台办理。',
    en: 'The ID card could not be read correctly. Please try again or ask at the desk.',
  },
  RATE_LIMITED: { zh: '操作太频繁，请稍后再试。', en: 'Too many tries — please wait a moment.' },
  APPOINTMENT_NOT_FOUND: {
    zh: '请核对预约短信里的预约码，或刷预约时用的身份证。也可以直接取号排队。',
    en: 'Check the code in your booking message, or use the ID card you booked with. You can also take a number.',
  },
  APPOINTMENT_TOO_EARLY: {
    zh: '还没到签到时间。您可以到时再来签到（优先办理），也可以现在直接取普通号排队。',
    en: 'It is too early to check in. Come back at the time above for priority, or take a normal number now.',
  },
  APPOINTMENT_TOO_LATE: {
    zh: '预约时间已过，预约不再有效。请直接取号排队，或重新预约。',
    en: 'Your booking has expired. Please take a number, or book again.',
  },
  APPOINTMENT_USED: {
    zh: '这个预约已经签到过了，请留意叫号屏。号票丢失请到咨询导办台。',
    en: 'This booking is already checked in — watch the screens. Lost your ticket? Ask at the information desk.',
  },
  BAD_REQUEST: {
    zh: '预约码或身份证号码有误，请核对后重试，或到咨询导办台。',
    en: 'The code or ID number is not valid. Please check it, or ask at the information desk.',
  },
};

/** Refusals whose server text is written for the visitor (it says what to do, e.g. when to come back). */
const VISITOR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'PERSON_LIMIT_REACHED',
  'DAILY_CAP_REACHED',
  'NUMBER_RANGE_EXHAUSTED',
  'SERVICE_CLOSED',
  'SERVICE_DISABLED',
  'INVALID_ID_NUMBER',
  'REAL_NAME_REQUIRED',
  'APPOINTMENT_NOT_FOUND',
  'APPOINTMENT_TOO_EARLY',
  'APPOINTMENT_TOO_LATE',
  'APPOINTMENT_USED',
  'RATE_LIMITED',
]);

/** What a field of a refused request is called on the screen (validation details name the field by its path). */
const FIELD_WORDS: Readonly<Record<string, { zh: string; en: string }>> = {
  code: { zh: '预约码', en: 'appointment code' },
  idNumber: { zh: '身份证号码', en: 'ID card number' },
  'holder.idNumber': { zh: '身份证号码', en: 'ID card number' },
  'holder.name': { zh: '姓名', en: 'name' },
  phone: { zh: '手机号码', en: 'mobile number' },
  serviceId: { zh: '所选业务', en: 'chosen service' },
};

/**
 * The headline of a refusal on a visitor's screen. A visitor never sees a raw server text: the server's words only for
 * the refusals written for them; a malformed request names the fields in words; anything else says it cannot be done
 * now (the plain-words line under it says where to get help).
 */
export function refusalHeadline(
  lang: Lang,
  error: { code: string; message: string; messageEn: string; details?: { path: string }[] | undefined },
): string {
  if (VISITOR_CODES.has(error.code)) return lang === 'zh' ? error.message : error.messageEn || error.message;
  if (error.code === 'BAD_REQUEST') {
    const fields = [...new Set((error.details ?? []).map((d) => FIELD_WORDS[d.path]?.[lang]).filter(Boolean))];
    if (fields.length === 0)
      return lang === 'zh' ? '填写的信息有误，请核对后重试' : 'Something you entered is not valid — please check it';
    return lang === 'zh'
      ? `${fields.join('、')}有误，请核对后重试`
      : `The ${fields.join(' and ')} is not valid — please check it`;
  }
  return lang === 'zh' ? '暂时不能办理' : 'This cannot be done right now';
}

export function friendlyLine(lang: Lang, code: string): string {
  const line = FRIENDLY[code as ErrorCode] ?? {
    zh: '如需帮助，请到咨询导办台。',
    en: 'Please ask at the information desk for help.',
  };
  return line[lang];
}
