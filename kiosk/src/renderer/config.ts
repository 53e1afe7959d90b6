/**
 * Renderer-side configuration that the hall server cannot give the kiosk yet.
 *
 * - Matters (事项): the server sends each service's matters (`ServiceView.matters`) and those are searched; this
 *   fallback (the demo hall's catalog) is only for a server from before that field, limited to the services it has.
 */
export interface MatterConfig {
  name: string;
  nameEn: string;
  serviceIds: string[];
}

export const FALLBACK_MATTERS: MatterConfig[] = [
  { name: '营业执照设立登记', nameEn: 'Business licence registration', serviceIds: ['general', 'business'] },
  { name: '食品经营许可', nameEn: 'Food business permit', serviceIds: ['general'] },
  { name: '社保卡补换', nameEn: 'Replace a social security card', serviceIds: ['general', 'social-security'] },
  { name: '公积金提取', nameEn: 'Housing fund withdrawal', serviceIds: ['general', 'housing-fund'] },
  { name: '不动产转移登记', nameEn: 'Property transfer registration', serviceIds: ['real-estate'] },
  { name: '不动产抵押登记', nameEn: 'Mortgage registration', serviceIds: ['real-estate'] },
  { name: '户口迁移', nameEn: 'Household registration transfer', serviceIds: ['household'] },
  { name: '居民身份证换领', nameEn: 'Renew a resident ID card', serviceIds: ['household'] },
  { name: '普通护照签发', nameEn: 'Passport', serviceIds: ['exit-entry'] },
  { name: '港澳通行证签注', nameEn: 'HK/Macau travel permit endorsement', serviceIds: ['exit-entry'] },
  { name: '印章刻制', nameEn: 'Company seal', serviceIds: ['business'] },
  { name: '发票申领', nameEn: 'Apply for invoices', serviceIds: ['business'] },
  { name: '医保关系转移', nameEn: 'Transfer medical insurance', serviceIds: ['social-security'] },
  { name: '公积金贷款', nameEn: 'Housing fund loan', serviceIds: ['housing-fund'] },
  { name: '个人所得税汇算', nameEn: 'Individual income tax settlement', serviceIds: ['tax'] },
  { name: '发票代开', nameEn: 'Invoice issued by the tax office', serviceIds: ['tax'] },
];

/** Defaults for the browser build (Electron main passes its own from the kiosk config file). */
export const WEB_DEFAULTS = { idleSeconds: 60, ticketSeconds: 30 } as const;
