import { hallClockParts, type HallClockParts, type OpeningHours } from '@onedoor/protocol';

/**
 * Hall-local calendar arithmetic. Everything is stored in UTC; the business day, the daily reset and opening
 * hours are computed in the hall's IANA time zone (default Asia/Shanghai) through Intl, so DST zones work too.
 * The wall clock is read by the protocol's hallClockParts, the same reading every client screen shows.
 * An unknown time zone makes Intl throw a RangeError: config validation must reject it before it reaches here.
 */

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Local calendar parts of an instant in a time zone. */
export interface LocalParts {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM' (24-hour) */
  time: string;
  /** 1 = Monday … 7 = Sunday */
  isoWeekday: number;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const dateOf = (w: HallClockParts): string => `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
const timeOf = (w: HallClockParts): string => `${pad(w.hour)}:${pad(w.minute)}`;
/** Sortable 'YYYY-MM-DD HH:MM:SS' key of a wall-clock reading. */
const wallKey = (w: HallClockParts): string => `${dateOf(w)} ${timeOf(w)}:${pad(w.second)}`;

/** The zone's UTC offset in ms at an instant (local wall clock minus UTC). */
function offsetAt(epochMs: number, timeZone: string): number {
  const w = hallClockParts(epochMs, timeZone);
  const wallAsUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wallAsUtc - Math.floor(epochMs / 1000) * 1000;
}

function parseDate(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 1970, m ?? 1, d ?? 1];
}

function parseClock(time: string): [number, number] {
  const [h, m] = time.split(':').map(Number);
  return [h ?? 0, m ?? 0];
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parseDate(date);
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The earliest instant whose local wall clock reads `date` at or after `time`. Normally that is the instant the
 * clock shows exactly date+time; when DST skips that time it is the end of the gap, and when DST repeats it, the
 * first occurrence. This is what makes the business day move forward once a day, never back.
 */
export function localInstant(date: string, time: string, timeZone: string): number {
  const [y, m, d] = parseDate(date);
  const [h, mi] = parseClock(time);
  const wall = Date.UTC(y, m - 1, d, h, mi);
  const target = `${date} ${time}:00`;
  // Offsets lie within ±14 h, so sampling either side catches the offset before and after any transition.
  const candidates = [
    ...new Set([-14 * HOUR_MS, 0, 14 * HOUR_MS].map((shift) => wall - offsetAt(wall + shift, timeZone))),
  ];
  const exact = candidates.filter((t) => wallKey(hallClockParts(t, timeZone)) === target);
  if (exact.length > 0) return Math.min(...exact);
  // The time falls into a DST gap: find the transition, the first instant whose wall clock is past the target.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1) {
    const mid = Math.floor((before + after) / 2);
    if (wallKey(hallClockParts(mid, timeZone)) >= target) after = mid;
    else before = mid;
  }
  return after;
}

/** Local date, time of day and ISO weekday of an instant in the hall's time zone. */
export function localParts(epochMs: number, timeZone: string): LocalParts {
  const w = hallClockParts(epochMs, timeZone);
  return { date: dateOf(w), time: timeOf(w), isoWeekday: w.weekday === 0 ? 7 : w.weekday };
}

/** 'YYYY-MM-DD HH:MM' in the hall's time zone, as printed on tickets. */
export function formatLocal(epochMs: number, timeZone: string): string {
  const parts = localParts(epochMs, timeZone);
  return `${parts.date} ${parts.time}`;
}

/**
 * The business day an instant belongs to. A business day starts at `resetTime` local time, so with "03:00" the
 * night of the 27th to 02:59 on the 28th still belongs to the 27th (night shifts keep their numbers).
 */
export function businessDayOf(epochMs: number, timeZone: string, resetTime: string): string {
  const today = localParts(epochMs, timeZone).date;
  return epochMs >= localInstant(today, resetTime, timeZone) ? today : addDays(today, -1);
}

/** Epoch ms of the next daily reset strictly after `epochMs`: the instant the business day changes. */
export function nextResetAt(epochMs: number, timeZone: string, resetTime: string): number {
  let day = addDays(businessDayOf(epochMs, timeZone, resetTime), 1);
  let reset = localInstant(day, resetTime, timeZone);
  // Only a zone that turns its clock back across midnight could need a second step.
  while (reset <= epochMs) {
    day = addDays(day, 1);
    reset = localInstant(day, resetTime, timeZone);
  }
  return reset;
}

/**
 * Whether an instant falls inside any of the opening-hour rules. An empty list means always open. A rule's span is
 * [from, to): 09:00–12:00 closes at 12:00. A span with to < from runs past midnight into the next day, and
 * from === to means the whole day.
 */
export function isWithinOpeningHours(hours: readonly OpeningHours[], epochMs: number, timeZone: string): boolean {
  if (hours.length === 0) return true;
  const { time, isoWeekday } = localParts(epochMs, timeZone);
  const previousWeekday = isoWeekday === 1 ? 7 : isoWeekday - 1;
  return hours.some((rule) => {
    if (rule.from === rule.to) return rule.days.includes(isoWeekday);
    if (rule.from < rule.to) return rule.days.includes(isoWeekday) && time >= rule.from && time < rule.to;
    return (
      (rule.days.includes(isoWeekday) && time >= rule.from) || (rule.days.includes(previousWeekday) && time < rule.to)
    );
  });
}

/** How each language writes days and their runs: 「周一至周五 09:00-12:00；周六 …」, 「Mon–Fri 09:00-12:00; Sat …」. */
const HOURS_WORDING = {
  zh: {
    days: ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'],
    range: '至',
    list: '、',
    rules: '；',
    allDay: '全天',
  },
  en: {
    days: ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    range: '–',
    list: ', ',
    rules: '; ',
    allDay: 'all day',
  },
} as const;

/** Texts already written, per hours list (a service's configuration, unchanged until it is saved again). */
const describedHours = new WeakMap<readonly OpeningHours[], Partial<Record<keyof typeof HOURS_WORDING, string>>>();

/** Every service view of every broadcast carries its hours as text: written once per configuration, not per event. */
function describeHours(hours: readonly OpeningHours[], lang: keyof typeof HOURS_WORDING): string {
  let texts = describedHours.get(hours);
  if (!texts) describedHours.set(hours, (texts = {}));
  return (texts[lang] ??= writeHours(hours, lang));
}

function writeHours(hours: readonly OpeningHours[], lang: keyof typeof HOURS_WORDING): string {
  const w = HOURS_WORDING[lang];
  return hours
    .map((rule) => {
      const days = [...new Set(rule.days)].sort((a, b) => a - b);
      const runs: string[] = [];
      for (let i = 0; i < days.length;) {
        let j = i;
        while (j + 1 < days.length && days[j + 1] === days[j]! + 1) j++;
        // Three or more days in a row read as a range; one or two are listed.
        runs.push(
          j - i >= 2
            ? `${w.days[days[i]!]}${w.range}${w.days[days[j]!]}`
            : days
                .slice(i, j + 1)
                .map((d) => w.days[d])
                .join(w.list),
        );
        i = j + 1;
      }
      // from = to is the whole day (isWithinOpeningHours), not a span of no time.
      return `${runs.join(w.list)} ${rule.from === rule.to ? w.allDay : `${rule.from}-${rule.to}`}`;
    })
    .join(w.rules);
}

/** 「周一至周五 09:00-12:00；周六 09:00-12:00」 — for telling a visitor when a service is open. */
export const describeOpeningHours = (hours: readonly OpeningHours[]): string => describeHours(hours, 'zh');

/** The same in English: 「Mon–Fri 09:00-12:00; Sat 09:00-12:00」. */
export const describeOpeningHoursEn = (hours: readonly OpeningHours[]): string => describeHours(hours, 'en');
