/** Rows as a CSV file with a UTF-8 BOM, so Excel opens the Chinese text right (the reports' and the audit's exports). */
export function csvFile(rows: readonly (readonly (string | number | boolean | null)[])[]): Buffer {
  const cell = (v: string | number | boolean | null) => {
    const s = v === null ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const text = rows.map((r) => r.map(cell).join(',')).join('\r\n');
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text + '\r\n', 'utf8')]);
}
