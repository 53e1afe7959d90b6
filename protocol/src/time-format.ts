/**
 * Hall-local time for every client screen: a UTC instant shown as the date and clock of the hall's IANA time zone
 * (from the hall snapshot), never the device's own zone — a TV or a clerk's PC set to another zone must still show
 * the hall's time. Pure and Intl only (no Node API), so it runs in browsers, Electron, tests and the hall server's
 * calendar (domain/time/hall-time.ts reads its wall clock here) alike.
 */

/** The zone to use while no hall snapshot has arrived yet (the default of the hall server's config). */
export const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** The hall's zone from its snapshot, or the fallback until the first snapshot. */
export function hallTimeZone(snapshot: { readonly timeZone: string } | null | undefined): string {
  return snapshot?.timeZone || FALLBACK_TIME_ZONE;
}

/** An epoch-ms number or an ISO-8601 string. */
export type Instant = number | string;

export interface HallClockParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
}

// Formatters are costly to build and stateless to use: one per zone.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAY_INDEX: Readonly<Record<string, number>> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * The last reading per zone, by whole second: one command asks the clock of the same instant many times (every
 * service's opening hours, the ticket's printed time), and formatToParts was a twentieth of the hall's issue path.
 */
const lastReading = new Map<string, { second: number; parts: HallClockParts }>();

/** The hall's wall clock at an instant. An unknown zone throws a RangeError (Intl). */
export function hallClockParts(at: Instant, timeZone: string): HallClockParts {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  const second = Math.floor(ms / 1000);
  const last = lastReading.get(timeZone);
  if (last && last.second === second) return { ...last.parts };
  const parts = readClock(ms, timeZone);
  lastReading.set(timeZone, { second, parts: { ...parts } });
  return parts;
}

function readClock(ms: number, timeZone: string): HallClockParts {
  const parts: HallClockParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  const date = new Date(ms);
  for (const { type, value } of formatterFor(timeZone).formatToParts(date)) {
    if (type === 'weekday') parts.weekday = WEEKDAY_INDEX[value] ?? 0;
    else if (
      type === 'year' ||
      type === 'month' ||
      type === 'day' ||
      type === 'hour' ||
      type === 'minute' ||
      type === 'second'
    )
      parts[type] = Number(value);
  }
  // Some ICU versions print midnight as 24 even with h23.
  if (parts.hour === 24) parts.hour = 0;
  return parts;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** '2026-11-27' */
export function formatHallDate(at: Instant, timeZone: string): string {
  const p = hallClockParts(at, timeZone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** '09:15', or '09:15:30' with seconds. */
export function formatHallTime(at: Instant, timeZone: string, options: { seconds?: boolean } = {}): string {
  const p = hallClockParts(at, timeZone);
  const hm = `${pad(p.hour)}:${pad(p.minute)}`;
  return options.seconds ? `${hm}:${pad(p.second)}` : hm;
}

/** '2026-11-27 09:15', or '2026-11-27 09:15:30' with seconds. */
export function formatHallDateTime(at: Instant, timeZone: string, options: { seconds?: boolean } = {}): string {
  return `${formatHallDate(at, timeZone)} ${formatHallTime(at, timeZone, options)}`;
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_ZH_SHORT = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAYS_EN_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS_EN = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface ClockText {
  /** 2026年11月27日 */
  date: string;
  /** 星期五 */
  weekday: string;
  /** 09:15:30 */
  time: string;
}

/** A board's clock the usual Chinese way: 2026年11月27日 星期五 09:15:30. */
export function formatClock(at: Instant, timeZone: string = FALLBACK_TIME_ZONE): ClockText {
  const p = hallClockParts(at, timeZone);
  return {
    date: `${p.year}年${p.month}月${p.day}日`,
    weekday: WEEKDAYS_ZH[p.weekday] ?? '',
    time: `${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`,
  };
}

export function formatClockLine(at: Instant, timeZone?: string): string {
  const c = formatClock(at, timeZone);
  return `${c.date} ${c.weekday} ${c.time}`;
}

/** The day under a kiosk's clock: 11月27日周五 / Fri 27 November. */
export function formatDayLabel(at: Instant, timeZone: string, lang: 'zh' | 'en'): string {
  const p = hallClockParts(at, timeZone);
  return lang === 'zh'
    ? `${p.month}月${p.day}日${WEEKDAYS_ZH_SHORT[p.weekday] ?? ''}`
    : `${WEEKDAYS_EN_SHORT[p.weekday] ?? ''} ${p.day} ${MONTHS_EN[p.month - 1] ?? ''}`;
}
