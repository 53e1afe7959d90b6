/**
 * "Nothing cut off, nothing overlapping", checked in the page itself (Chromium, at the size under test):
 *
 * - the page does not scroll, and no container listed in `mustFit` needs scrolling (a kiosk's one-task panels and a
 *   board fit their screen: a 完成 button below the fold is a button nobody finds);
 * - every visible interactive element (button, input, link …) lies inside the viewport and inside every ancestor that
 *   clips its content, and `document.elementFromPoint` at its centre and near its corners is the element or inside it
 *   (nothing covers it — a panel over the keys fails here);
 * - every element listed in `mustShow` is inside the viewport and not clipped by an ancestor, and does not clip its own
 *   text (the board's number, window, clock).
 *
 * Elements under an `inert` overlay (maintenance notice, dialogs) do not count: nobody can touch them anyway.
 */
import type { Page } from 'playwright-core';

export interface LayoutCheck {
  /** Containers whose content must fit without scrolling (e.g. '.stage'). */
  mustFit?: string[];
  /** Texts that must be whole on screen (e.g. '[data-testid=now-number]'). */
  mustShow?: string[];
}

export function layoutProblems(page: Page, check: LayoutCheck = {}): Promise<string[]> {
  return page.evaluate(
    ({ mustFit, mustShow }) => {
      const problems: string[] = [];
      const vw = window.innerWidth;
      const vh = window.innerHeight;
      const slack = 1;
      const describe = (el: Element): string => {
        const cls =
          typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const testid = el.getAttribute('data-testid');
        const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 24);
        return `<${el.tagName.toLowerCase()}${cls}${testid ? ` [${testid}]` : ''}>${text ? ` "${text}"` : ''}`;
      };
      const shown = (el: Element): boolean => {
        if (el.closest('[inert]')) return false;
        if (el.getClientRects().length === 0) return false;
        for (let e: Element | null = el; e; e = e.parentElement) {
          const cs = getComputedStyle(e);
          if (cs.visibility === 'hidden' || cs.display === 'none' || Number(cs.opacity) === 0) return false;
        }
        const r = el.getBoundingClientRect();
        return r.width > 0 && r.height > 0;
      };
      const outside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }) =>
        r.left < box.left - slack ||
        r.top < box.top - slack ||
        r.right > box.right + slack ||
        r.bottom > box.bottom + slack;
      /** The first ancestor that clips this element's box, if any. */
      const clippedBy = (el: Element): Element | null => {
        const r = el.getBoundingClientRect();
        for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
          const cs = getComputedStyle(a);
          if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
          if (outside(r, a.getBoundingClientRect())) return a;
        }
        return null;
      };
      const viewport = { left: 0, top: 0, right: vw, bottom: vh };

      const root = document.scrollingElement ?? document.documentElement;
      if (root.scrollHeight > vh + slack || root.scrollWidth > vw + slack) {
        problems.push(`the page scrolls (${root.scrollWidth}×${root.scrollHeight} in ${vw}×${vh})`);
      }
      for (const selector of mustFit) {
        for (const el of document.querySelectorAll(selector)) {
          if (!shown(el)) continue;
          if (el.scrollHeight > el.clientHeight + slack || el.scrollWidth > el.clientWidth + slack) {
            problems.push(
              `${describe(el)} needs scrolling: content ${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight}`,
            );
          }
        }
      }

      const interactive = document.querySelectorAll(
        'button, input, select, textarea, a[href], [role="button"], [tabindex]:not([tabindex="-1"])',
      );
      for (const el of interactive) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (outside(r, viewport)) {
          problems.push(
            `${describe(el)} lies outside the ${vw}×${vh} viewport (${Math.round(r.left)},${Math.round(r.top)} – ${Math.round(r.right)},${Math.round(r.bottom)})`,
          );
          continue;
        }
        const clip = clippedBy(el);
        if (clip) {
          problems.push(`${describe(el)} is cut off by ${describe(clip)}`);
          continue;
        }
        // The centre, and a point a quarter in from each corner (inside a rounded corner too): a button half under a
        // panel is covered as well.
        const inset = Math.min(r.width, r.height) / 4;
        const points: [number, number][] = [
          [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
          [r.left + inset, r.top + inset],
          [r.right - inset, r.top + inset],
          [r.left + inset, r.bottom - inset],
          [r.right - inset, r.bottom - inset],
        ];
        for (const [x, y] of points) {
          const hit = document.elementFromPoint(x, y);
          if (hit && hit !== el && !el.contains(hit)) {
            problems.push(`${describe(el)} is covered by ${describe(hit)} at ${Math.round(x)},${Math.round(y)}`);
            break;
          }
        }
      }

      for (const selector of mustShow) {
        const found = [...document.querySelectorAll(selector)].filter(shown);
        if (found.length === 0) problems.push(`${selector} is not on screen`);
        for (const el of found) {
          const r = el.getBoundingClientRect();
          if (outside(r, viewport)) problems.push(`${describe(el)} lies outside the ${vw}×${vh} viewport`);
          else if (clippedBy(el)) problems.push(`${describe(el)} is cut off by ${describe(clippedBy(el)!)}`);
          else if (el.scrollWidth > el.clientWidth + slack && getComputedStyle(el).textOverflow !== 'ellipsis')
            problems.push(`${describe(el)} is wider than its box (${el.scrollWidth} > ${el.clientWidth})`);
        }
      }
      return problems;
    },
    { mustFit: check.mustFit ?? [], mustShow: check.mustShow ?? [] },
  );
}
