/**
 * Output sink of the idcard/printer command modules: a plain `(line) => void`, or the CLI's `{ out, err }` object
 * (errors then go to `err`). Exit codes follow the CLI: 0 OK, 1 device or port problem.
 */
export type CommandOutput = ((line: string) => void) | { out(line: string): void; err(line: string): void };

export const EXIT_OK = 0;
export const EXIT_DEVICE = 1;

export function sinks(o: CommandOutput): { out: (line: string) => void; err: (line: string) => void } {
  if (typeof o === 'function') return { out: o, err: o };
  return { out: (l) => o.out(l), err: (l) => o.err(l) };
}
