import { evaluationRows, type EvaluationExportQuery } from '@onedoor/protocol';
import type { Cell } from '../../domain/catalog/catalog.sheets.js';
import type { QueueState } from '../../domain/queue/queue.types.js';
import { formatLocal, localParts } from '../../domain/time/hall-time.js';
import type { Clock, EvaluationStore, Spreadsheets, StaffStore } from '../ports.js';
import { evaluationView } from './ratings.js';

export interface RatingsWorkbookDeps {
  evaluations: Pick<EvaluationStore, 'list'>;
  queueState: () => QueueState;
  staff: Pick<StaffStore, 'listStaff'>;
  spreadsheets: Spreadsheets;
  clock: Clock;
  timeZone: string;
}

/** The most ratings one export holds, newest first: a busy hall's quarter. */
export const RATINGS_EXPORT_MAX = 20_000;

const HEADER = [
  '时间 Time',
  '窗口 Window',
  '人员 Clerk',
  '评价 Rating',
  '等级 Level',
  '差评原因 Reason',
  '渠道 Channel',
  '关联办件 Cases',
];

/**
 * 好差评 as an Excel workbook: the rows of the console's list (window and clerk by name, the 差评's reason, the
 * channel), filtered the same way. A rating carries no visitor's ID or phone; a number a visitor typed into a reason
 * is masked by the rating's view, as in the list.
 */
export class RatingsWorkbook {
  constructor(private readonly deps: RatingsWorkbookDeps) {}

  async xlsx(query: EvaluationExportQuery): Promise<{ file: Buffer; day: string }> {
    const { clock, timeZone } = this.deps;
    const ratings = this.deps.evaluations
      .list(
        { ticketId: query.ticketId, windowId: query.windowId, maxLevel: query.only === 'bad' ? 2 : undefined },
        RATINGS_EXPORT_MAX,
      )
      .map(evaluationView);
    const windows = [...this.deps.queueState().windows.values()].map((w) => w.config);
    // The console's own rows: the same names, 差评 reasons and channels in the file as on the page.
    const listed = evaluationRows(ratings, windows, this.deps.staff.listStaff(), { windowId: null, badOnly: false });
    const rows: Cell[][] = [
      HEADER,
      ...listed.map((r) => [
        formatLocal(Date.parse(r.at), timeZone),
        r.window,
        r.clerk,
        r.levelText,
        r.level,
        r.reason,
        r.channel,
        r.cases,
      ]),
    ];
    const now = clock.now();
    const filters = [
      query.windowId && `窗口 window ${windows.find((w) => w.id === query.windowId)?.name ?? query.windowId}`,
      query.ticketId && `号票 ticket ${query.ticketId}`,
      query.only === 'bad' && '只看差评 only 差评 (levels 1–2)',
    ].filter(Boolean);
    const file = await this.deps.spreadsheets.write({
      creator: 'OneDoor',
      createdAt: now,
      readme: {
        name: '说明',
        lines: [
          `好差评 导出于 ${formatLocal(now, timeZone)}，共 ${ratings.length} 条，新的在前（最多 ${RATINGS_EXPORT_MAX} 条）`,
          `Ratings exported ${formatLocal(now, timeZone)}: ${ratings.length}, newest first (at most ${RATINGS_EXPORT_MAX})`,
          `筛选 Filters: ${filters.join('；') || '全部 all'}`,
        ],
      },
      sheets: { 好差评: rows },
    });
    return { file, day: localParts(now, timeZone).date };
  }
}
