import { useState } from 'react';
import { Alert, Button, Table, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CatalogIssue, ImportSummary } from '@onedoor/protocol';
import { saveDownload } from './save-download';
import type { ConfigHook } from './use-config-data';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 事项目录: import an Excel workbook (all or nothing: every bad row is listed with its sheet, row and column, and
 * nothing is imported), export the catalog in force as Excel or JSON.
 */
export function CatalogPanel({ config }: { config: ConfigHook }) {
  const { client, refresh } = config;
  const [issues, setIssues] = useState<CatalogIssue[]>([]);
  const [result, setResult] = useState<{ ok: true; summary: ImportSummary } | { ok: false; message: string } | null>(
    null,
  );
  const [busy, setBusy] = useState(false);

  const upload = async (file: File) => {
    setBusy(true);
    const r = await client.upload(
      'POST /api/catalog/import',
      { query: { fileName: file.name } },
      { type: XLSX, data: file },
    );
    setBusy(false);
    setIssues(r.ok ? [] : (r.issues ?? []));
    setResult(r.ok ? { ok: true, summary: r.data } : { ok: false, message: r.error.message });
    if (r.ok) await refresh();
  };
  const exportAs = async (format: 'xlsx' | 'json') => {
    if (format === 'xlsx') {
      const r = await client.download('GET /api/catalog/export', { query: { format } });
      if (r.ok) saveDownload(r.data);
      else setResult({ ok: false, message: r.error.message });
      return;
    }
    const r = await client.call('GET /api/catalog/export', { query: { format } });
    if (r.ok) saveDownload({ blob: new Blob([JSON.stringify(r.data, null, 2)]), filename: 'catalog.json' });
    else setResult({ ok: false, message: r.error.message });
  };

  const columns: ColumnsType<CatalogIssue & { key: number }> = [
    { title: '工作表', dataIndex: 'sheet', width: 120 },
    { title: '行', dataIndex: 'row', width: 60 },
    { title: '列', dataIndex: 'column', width: 160 },
    { title: '问题', dataIndex: 'message' },
  ];
  const s = result?.ok ? result.summary : null;
  return (
    <>
      <div className="cf-toolbar">
        <Upload
          accept=".xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void upload(file);
            return false;
          }}
        >
          <Button type="primary" loading={busy} data-testid="catalog-import">
            导入 Excel
          </Button>
        </Upload>
        <Button onClick={() => void exportAs('xlsx')} data-testid="catalog-export-xlsx">
          导出 Excel
        </Button>
        <Button onClick={() => void exportAs('json')}>导出 JSON</Button>
        <span className="cf-hint">导入时逐行校验，任何一处错误都不会导入任何内容。</span>
      </div>
      {result && !result.ok && (
        <Alert type="error" showIcon title={`导入未成功：${result.message}`} data-testid="catalog-error" />
      )}
      {s && (
        <Alert
          type="success"
          showIcon
          title={`已导入：部门新增 ${s.departments.added}、更新 ${s.departments.updated}；材料新增 ${s.materials.added}；事项新版本 ${s.matters.added}；一件事 ${s.bundles.added}`}
        />
      )}
      {issues.length > 0 && (
        <Table
          className="cf-issues"
          size="small"
          columns={columns}
          dataSource={issues.map((i, key) => ({ ...i, key }))}
          pagination={{ pageSize: 20 }}
          data-testid="catalog-issues"
        />
      )}
    </>
  );
}
