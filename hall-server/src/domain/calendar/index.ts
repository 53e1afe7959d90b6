export * from './working-calendar.js';
export * from './case-clock.js';
export { chineseDaysCalendar, hallCalendar } from './chinese-days.js';
