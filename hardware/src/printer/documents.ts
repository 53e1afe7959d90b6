import type { WindowDocument } from '@onedoor/protocol';
import { renderAcceptanceReceipt, renderOneTimeNotice, type RenderOptions, type RenderedTicket } from './templates.js';

/**
 * A window's document (protocol `WindowDocument`, plain JSON from the clerk screen) as ESC/POS bytes, with the
 * templates the installer's print test uses: the one way the window turns a receipt or a notice into paper.
 */
export function renderWindowDocument(
  doc: WindowDocument,
  options: RenderOptions & { timeZone: string },
): RenderedTicket {
  const { timeZone, ...render } = options;
  switch (doc.kind) {
    case 'acceptance-receipt': {
      const { kind: _kind, acceptedAt, ...rest } = doc;
      return renderAcceptanceReceipt({ ...rest, acceptedAt: new Date(acceptedAt), timeZone }, render);
    }
    case 'one-time-notice': {
      const { kind: _kind, issuedAt, ...rest } = doc;
      return renderOneTimeNotice({ ...rest, issuedAt: new Date(issuedAt), timeZone }, render);
    }
  }
}
