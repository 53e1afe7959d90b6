import { useEffect, useState } from 'react';
import { App as AntApp, Button, Tooltip, Typography } from 'antd';
import { formatHallDateTime } from '@onedoor/protocol/client';
import type { WindowCardRead, WindowDeviceApi } from '../../../shared/window-api';
import { deviceProblems, maskIdNumber, maskName, virtualPrinterOf } from '../../devices';
import { VirtualPaperSwitch } from './VirtualPaperSwitch';
import type { LastDone } from './use-workbench-actions';

/** The window's devices: the ID card just read (masked) and the receipt of the visitor last finished. */
export function DeviceStrip({
  devices,
  lastDone,
  hallName,
  windowName,
  clerkName,
  timeZone,
  serviceName,
}: {
  devices: WindowDeviceApi;
  lastDone: LastDone | null;
  hallName: string;
  windowName: string;
  clerkName: string;
  timeZone: string;
  serviceName: (id: string) => string;
}) {
  const { message } = AntApp.useApp();
  const [card, setCard] = useState<WindowCardRead | null>(null);
  const [printing, setPrinting] = useState(false);
  useEffect(() => devices.onCard((c) => setCard(c)), [devices]);
  const problems = useDeviceProblems(devices);
  const browser = devices.runtime === 'browser';
  const virtualPrinter = virtualPrinterOf(devices);
  const print = () => {
    if (!lastDone) return;
    setPrinting(true);
    void devices
      .printReceipt({
        hallName,
        ticketNumber: lastDone.ticket.number,
        serviceName: serviceName(lastDone.ticket.serviceId),
        windowName,
        clerkName,
        finishedAtLocal: formatHallDateTime(lastDone.at, timeZone, { seconds: true }),
      })
      .then((r) => {
        setPrinting(false);
        if (r.printed) void message.success('回执已打印');
        else void message.error(`回执未打印：${r.reason ?? '打印机无响应'}`);
      });
  };
  return (
    <div className="od-devices">
      <span className="od-devices-label">设备</span>
      {browser ? (
        <Typography.Text type="secondary">
          浏览器模式：虚拟身份证、虚拟打印机（输出显示在屏幕上），未连接评价器
        </Typography.Text>
      ) : card ? (
        <span>
          已读身份证：<b>{maskName(card.name)}</b> {maskIdNumber(card.idNumber)}{' '}
          <Button size="small" type="link" onClick={() => setCard(null)}>
            清除
          </Button>
        </span>
      ) : (
        <Typography.Text type="secondary">读卡器就绪，请群众在读卡区放置身份证</Typography.Text>
      )}
      {problems.length > 0 && (
        <Typography.Text type="danger" data-testid="device-problems">
          {problems.join('；')}
        </Typography.Text>
      )}
      <div className="od-header-spacer" />
      {virtualPrinter && <VirtualPaperSwitch printer={virtualPrinter} />}
      <Tooltip title={browser ? '浏览器模式未连接回执打印机' : lastDone ? null : '办结后可打印回执'}>
        <Button size="small" disabled={browser || !lastDone || printing} loading={printing} onClick={print}>
          打印回执{lastDone ? `（${lastDone.ticket.number}）` : ''}
        </Button>
      </Tooltip>
    </div>
  );
}

/** What is wrong with the window's devices now (Electron: the status main pushes; the browser has none fitted). */
function useDeviceProblems(devices: WindowDeviceApi): string[] {
  const [problems, setProblems] = useState<string[]>([]);
  useEffect(() => {
    let live = true;
    void devices.getDeviceStatus?.().then((s) => live && setProblems(deviceProblems(s)));
    const off = devices.onDeviceStatus?.((s) => setProblems(deviceProblems(s)));
    return () => {
      live = false;
      off?.();
    };
  }, [devices]);
  return problems;
}
