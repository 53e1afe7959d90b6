import type ExcelJS from 'exceljs';
import type { Spreadsheets } from '../../app/ports.js';
import type { Cell } from '../../domain/catalog/catalog.sheets.js';

/**
 * exceljs and what it pulls in (archiver, unzipper, jszip, saxes, lodash…) load at the first workbook read or written:
 * a catalog import or an export, now and then — loaded at start they held 7 MB of heap and their code for the life of
 * the hall.
 */
const excel = async () => (await import('exceljs')).default;

/** exceljs cell value → plain cell (rich text joined, formulas by result, dates as YYYY-MM-DD). */
function plainCell(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('result' in value) return plainCell(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return null;
  }
  return String(value as unknown as string);
}

/** The catalog's .xlsx files through exceljs: every worksheet as plain rows, and back. */
export const excelWorkbooks: Spreadsheets = {
  async read(file) {
    const wb = new (await excel()).Workbook();
    try {
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch {
      return null;
    }
    const out: Record<string, Cell[][]> = {};
    wb.eachSheet((ws) => {
      const rows: Cell[][] = [];
      const width = ws.columnCount;
      for (let r = 1; r <= ws.rowCount; r++) {
        const row = ws.getRow(r);
        const cells: Cell[] = [];
        for (let c = 1; c <= width; c++) cells.push(plainCell(row.getCell(c).value));
        rows.push(cells);
      }
      out[ws.name] = rows;
    });
    return out;
  },

  async write(book) {
    const wb = new (await excel()).Workbook();
    wb.creator = book.creator;
    wb.created = new Date(book.createdAt);
    const readme = wb.addWorksheet(book.readme.name);
    for (const line of book.readme.lines) readme.addRow([line]);
    readme.getColumn(1).width = 100;
    for (const [name, rows] of Object.entries(book.sheets)) {
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      for (const r of rows) ws.addRow(r);
      ws.getRow(1).font = { bold: true };
      ws.columns.forEach((col, i) => {
        const header = String(rows[0]?.[i] ?? '');
        col.width = Math.min(60, Math.max(12, header.length * 1.6));
      });
    }
    return Buffer.from(await wb.xlsx.writeBuffer());
  },
};
