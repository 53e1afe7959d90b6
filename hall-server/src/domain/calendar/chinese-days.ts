import chineseDays from 'chinese-days';
import { WorkingCalendar, type BaseCalendar, type CalendarOverride } from './working-calendar.js';

/**
 * The national holiday calendar from the `chinese-days` package (国务院办公厅 holiday notices: 法定节假日 and
 * 调休上班日). Pure data lookups; no IO. Names look like 'National Day,国庆节,3': we keep the Chinese name.
 */
export const chineseDaysCalendar: BaseCalendar = (date) => {
  const detail = chineseDays.getDayDetail(date);
  const parts = detail.name.split(',');
  return { work: detail.work, name: parts.length >= 2 ? (parts[1] ?? null) : null };
};

function coveredYears(): { from: number; to: number } {
  let from = 2004;
  let to = 2004;
  for (let y = 2004; y <= 2100; y++) {
    if (chineseDays.getHolidaysInRange(`${y}-01-01`, `${y}-12-31`, false).length > 0) to = y;
    else if (y > to) break;
  }
  while (from < to && chineseDays.getHolidaysInRange(`${from}-01-01`, `${from}-12-31`, false).length === 0) from++;
  return { from, to };
}

let covered: { from: number; to: number } | null = null;

/** The hall calendar: national data plus the hall's local overrides. */
export function hallCalendar(overrides: readonly CalendarOverride[] = []): WorkingCalendar {
  covered ??= coveredYears();
  return new WorkingCalendar(chineseDaysCalendar, overrides, covered);
}
