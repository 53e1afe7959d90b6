import { appError, type AppError } from '@onedoor/protocol';

// A refused payload's wording is the protocol's validationError (plain words, both languages); this file keeps what
// only the network edges check before any schema runs.

/** How deep a body or payload may nest: far past any form, far short of what recursion elsewhere survives. */
export const MAX_NESTING = 64;

/**
 * Whether a parsed JSON value nests deeper than `max`, found without recursion (a 200k-deep `form` once overflowed
 * the stack further on and answered 500).
 */
export function nestedTooDeep(value: unknown, max = MAX_NESTING): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

export const tooDeep = (max = MAX_NESTING): AppError =>
  appError(
    'BAD_REQUEST',
    `请求内容嵌套层数过多（上限 ${max} 层）`,
    `the request is nested too deeply (at most ${max} levels)`,
  );
