import type { PrintedDocument } from './use-intake';

/** The virtual printer's output (or a copy of what went on paper): the 受理回执 or the 一次性告知书 as printed. */
export function PrintedPreview({ doc }: { doc: PrintedDocument }) {
  return (
    <div
      className="od-intake-paper"
      data-testid={`printed-${doc.kind}`}
      data-case-no={doc.caseNo}
      data-printed={doc.failure ? 'no' : 'yes'}
    >
      <div className="od-muted">
        {doc.failure ? `未打印（${doc.failure}），屏幕副本` : doc.onPaper ? '已打印' : '虚拟打印机输出'}
      </div>
      <pre>{doc.lines.join('\n')}</pre>
    </div>
  );
}
