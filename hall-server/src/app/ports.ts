/** What the app layer needs from the outside world, injected by main.ts (and by tests). */
export interface Clock {
  now(): number;
}

export interface IdGenerator {
  newId(): string;
}

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const systemClock: Clock = { now: () => Date.now() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };
