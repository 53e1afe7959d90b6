/** Clock and date for the board, in the hall's time zone, in the usual Chinese form: 2026年11月27日 星期五 09:15:30. */

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

export interface ClockText {
  date: string;
  weekday: string;
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
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

const WEEKDAY_INDEX: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

export function formatClock(ms: number, timeZone = 'Asia/Shanghai'): ClockText {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  const pad = (s: string | undefined) => (s ?? '0').padStart(2, '0');
  return {
    date: `${parts.year}年${Number(parts.month)}月${Number(parts.day)}日`,
    weekday: WEEKDAYS[WEEKDAY_INDEX[parts.weekday ?? ''] ?? 0]!,
    time: `${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}`,
  };
}

export function formatClockLine(ms: number, timeZone?: string): string {
  const c = formatClock(ms, timeZone);
  return `${c.date} ${c.weekday} ${c.time}`;
}
