import { useState } from 'react';
import { Button, Input, Radio, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CalendarOverride } from '@onedoor/protocol';
import type { ConfigHook } from './use-config-data';

/**
 * 工作日与节假日: the national calendar comes with the server; here the hall sets its own days — closed on a working
 * day (停电检修), or open on a holiday (延时服务). Case deadlines count working days by this calendar.
 */
export function CalendarPanel({ config }: { config: ConfigHook }) {
  const { client, data, save } = config;
  const [date, setDate] = useState('');
  const [working, setWorking] = useState(false);
  const [note, setNote] = useState('');

  const add = async () => {
    const r = await save(
      '保存日期调整',
      client.call('PUT /api/calendar/overrides/:date', { params: { date }, body: { working, note } }),
    );
    if (r) {
      setDate('');
      setNote('');
    }
  };
  const columns: ColumnsType<CalendarOverride> = [
    { title: '日期', dataIndex: 'date', width: 130 },
    { title: '调整', dataIndex: 'working', width: 120, render: (w: boolean) => (w ? '照常办公' : '闭厅休息') },
    { title: '说明', dataIndex: 'note' },
    {
      title: '',
      key: 'remove',
      width: 80,
      render: (_v, o) => (
        <Button
          type="link"
          size="small"
          danger
          onClick={() =>
            void save('删除日期调整', client.call('DELETE /api/calendar/overrides/:date', { params: { date: o.date } }))
          }
        >
          删除
        </Button>
      ),
    },
  ];
  return (
    <>
      <div className="cf-toolbar">
        <Input
          type="date"
          style={{ width: 170 }}
          value={date}
          onChange={(e) => setDate(e.target.value)}
          data-testid="calendar-date"
        />
        <Radio.Group value={working} onChange={(e) => setWorking(e.target.value as boolean)}>
          <Radio value={false}>闭厅休息</Radio>
          <Radio value={true}>照常办公</Radio>
        </Radio.Group>
        <Input
          style={{ width: 280 }}
          placeholder="说明，例如：停电检修"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <Button type="primary" disabled={!date} onClick={() => void add()} data-testid="calendar-add">
          添加
        </Button>
        <span className="cf-hint">开放时间按各业务设置；这里调整整个大厅某一天是否办公。</span>
      </div>
      <Table<CalendarOverride>
        size="small"
        rowKey="date"
        columns={columns}
        dataSource={data.overrides}
        pagination={false}
      />
    </>
  );
}
