import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Space, Table, Tag, Typography } from 'antd';
import { type BackOfficeApi, BackOfficeError } from './api';
import { useHallTime } from './format';
import type { DeliverCaseInput } from '@onedoor/protocol';
import type { CaseSummary } from './types';

type Way = 'window' | 'express' | 'locker';

const RESULT: Record<string, { color: string; text: string }> = {
  approved: { color: 'green', text: '准予' },
  refused: { color: 'red', text: '不予许可' },
  partial: { color: 'gold', text: '部分准予' },
};

const TAKE: Record<string, string> = { window: '窗口领取', express: '快递送达', locker: '智能柜' };

function errorText(err: unknown): string {
  return err instanceof BackOfficeError ? err.error.message : '操作失败，请重试';
}

function HandoverModal({
  c,
  api,
  onCancel,
  onDone,
}: {
  c: CaseSummary;
  api: BackOfficeApi;
  onCancel: () => void;
  onDone: () => void;
}) {
  const { message } = App.useApp();
  const [way, setWay] = useState<Way>(c.takeWay === 'express' || c.takeWay === 'locker' ? c.takeWay : 'window');
  const [proxy, setProxy] = useState(false);
  const [v, setV] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = (key: string, label: string, placeholder?: string) => (
    <Form.Item label={label}>
      <Input
        value={v[key] ?? ''}
        placeholder={placeholder}
        onChange={(e) => setV({ ...v, [key]: e.target.value })}
        data-testid={`handover-${key}`}
      />
    </Form.Item>
  );
  const body = (): DeliverCaseInput =>
    way === 'window'
      ? {
          way,
          receiver: proxy
            ? { proxy: true, name: v.name ?? '', idNumber: v.idNumber ?? '' }
            : { proxy: false, idNumber: v.idNumber ?? '' },
        }
      : way === 'express'
        ? { way, company: v.company ?? '', waybillNo: v.waybillNo ?? '' }
        : { way, lockerNo: v.lockerNo ?? '', pickupCode: v.pickupCode ?? '' };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.request('POST /api/cases/:id/deliver', { params: { id: c.id }, body: body() });
      void message.success(`已出件：${c.caseNo}`);
      onDone();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`出件 · ${c.name} · ${c.caseNo}`}
      okText="确认出件"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onCancel}
      onOk={() => void submit()}
      okButtonProps={{ 'data-testid': 'handover-ok' } as never}
    >
      <Form layout="vertical">
        <Form.Item label="出件方式">
          <Radio.Group
            value={way}
            onChange={(e) => {
              setWay(e.target.value as Way);
              setError(null);
            }}
            optionType="button"
            options={(['window', 'express', 'locker'] as Way[]).map((w) => ({ value: w, label: TAKE[w] }))}
          />
        </Form.Item>
        {way === 'window' && (
          <>
            <Form.Item label="领取人">
              <Radio.Group
                value={proxy}
                onChange={(e) => setProxy(e.target.value as boolean)}
                options={[
                  { value: false, label: '申请人本人' },
                  { value: true, label: '代领' },
                ]}
              />
            </Form.Item>
            {proxy && field('name', '代领人姓名')}
            {field('idNumber', proxy ? '代领人身份证号' : '申请人身份证号', '18位，刷卡或输入')}
          </>
        )}
        {way === 'express' && (
          <>
            {field('company', '快递公司', '如 EMS')}
            {field('waybillNo', '运单号')}
          </>
        )}
        {way === 'locker' && (
          <>
            {field('lockerNo', '柜号')}
            {field('pickupCode', '取件码', '4–8位数字')}
          </>
        )}
        {error && <Alert type="error" title={error} data-testid="handover-error" />}
      </Form>
    </Modal>
  );
}

/** 出件窗口: find ready results by the applicant's ID number or a case number, and record the hand-over. */
export function Handover({ api }: { api: BackOfficeApi }) {
  const formatTime = useHallTime();
  const [query, setQuery] = useState('');
  const [list, setList] = useState<CaseSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<CaseSummary | null>(null);
  const search = async () => {
    const q = query.trim().toUpperCase();
    if (!q) return;
    setError(null);
    try {
      setList(
        await api.request('POST /api/cases/ready', {
          body: /^\d{17}[\dX]$/.test(q) ? { idNumber: q } : { caseNo: q },
        }),
      );
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <Card title="出件窗口 · 查询待领取结果">
      <Space.Compact style={{ width: 520, marginBottom: 16 }}>
        <Input
          placeholder="申请人身份证号 或 办件编号"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onPressEnter={() => void search()}
          data-testid="handover-query"
        />
        <Button type="primary" onClick={() => void search()}>
          查询
        </Button>
      </Space.Compact>
      {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} />}
      {list && (
        <Table
          rowKey="id"
          size="small"
          pagination={false}
          dataSource={list}
          locale={{ emptyText: '没有待领取的办结结果' }}
          columns={[
            {
              title: '办件编号',
              dataIndex: 'caseNo',
              render: (no: string) => <Typography.Text code>{no}</Typography.Text>,
            },
            { title: '事项', dataIndex: 'name' },
            {
              title: '结果',
              dataIndex: 'result',
              render: (r: string | null) => (r ? <Tag color={RESULT[r]?.color}>{RESULT[r]?.text ?? r}</Tag> : '—'),
            },
            { title: '申请人', render: (_: unknown, c: CaseSummary) => `${c.applicant}（${c.applicantIdMasked}）` },
            { title: '办结时间', dataIndex: 'concludedAt', render: (t: string | null) => formatTime(t) },
            { title: '约定取件', dataIndex: 'takeWay', render: (t: string) => TAKE[t] ?? t },
            {
              title: '',
              render: (_: unknown, c: CaseSummary) => (
                <Button size="small" type="primary" onClick={() => setOpen(c)} data-testid={`handover-${c.caseNo}`}>
                  出件
                </Button>
              ),
            },
          ]}
        />
      )}
      {open && (
        <HandoverModal
          c={open}
          api={api}
          onCancel={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            void search();
          }}
        />
      )}
    </Card>
  );
}
