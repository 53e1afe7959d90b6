/** Browser only: the virtual card reader (demo cards) and the virtual printer (switchable fault, printed slips). */
import { useEffect, useState } from 'react';
import type { IssuedTicket } from '@onedoor/protocol';
import { DEMO_CARDS, DEMO_STAFF_CARDS, type WebBridge } from '../devices/web-bridge';
import type { Lang } from '../visit-flow';
import { TicketSlip } from './TicketSlip';

export function VirtualDevices({ bridge, lang, wantCard }: { bridge: WebBridge; lang: Lang; wantCard: boolean }) {
  const [open, setOpen] = useState(false);
  const [fault, setFault] = useState<string | null>(bridge.printerFault);
  const [printed, setPrinted] = useState<IssuedTicket | null>(null);
  useEffect(() => bridge.onPrinted((tk) => setPrinted(tk)), [bridge]);
  // Asked for a card: the demo cards sit in the footer's own row (they take room, they cover nothing on screen).
  const docked = wantCard && !open;
  const cards = (
    <div className="virtual-cards">
      <div className="virtual-title">
        {docked
          ? lang === 'zh'
            ? '虚拟读卡器：'
            : 'Virtual reader:'
          : lang === 'zh'
            ? '虚拟读卡器：点一张卡放到读卡器上'
            : 'Virtual reader: tap a card'}
      </div>
      {DEMO_CARDS.map((c) => (
        <button key={c.idNumber} className="virtual-card" onClick={() => bridge.insertCard(c)} data-id={c.idNumber}>
          <b>{c.name}</b> <span>···{c.idNumber.slice(-4)}</span>
        </button>
      ))}
      {DEMO_STAFF_CARDS.map((c) => (
        <button
          key={c.idNumber}
          className="virtual-card staff"
          onClick={() => bridge.insertCard(c)}
          data-id={c.idNumber}
          data-testid="virtual-staff-card"
        >
          <b>{c.name}</b> <span>{lang === 'zh' ? '工作人员卡' : 'staff card'}</span>
        </button>
      ))}
    </div>
  );
  return (
    <aside className={`virtual${open ? ' open' : ''}${docked ? ' docked' : ''}`} data-testid="virtual-devices">
      <button className="virtual-toggle" onClick={() => setOpen(!open)} aria-expanded={open || docked}>
        {lang === 'zh' ? '虚拟设备（浏览器演示）' : 'Virtual devices (browser demo)'} {open || docked ? '▾' : '▸'}
      </button>
      {docked && cards}
      {/* Opened by hand (a demo tool): cards, the printer switch and the last printed slip, over the screen. */}
      {open && (
        <div className="virtual-body">
          {cards}
          <div className="virtual-printer">
            <label>
              <input
                type="checkbox"
                checked={fault !== null}
                onChange={(e) => {
                  const next = e.target.checked ? '打印机缺纸 / out of paper' : null;
                  bridge.setPrinterFault(next);
                  setFault(next);
                }}
                data-testid="printer-fault"
              />{' '}
              {lang === 'zh' ? '模拟打印机缺纸' : 'Simulate paper out'}
            </label>
            {printed && <TicketSlip ticket={printed} lang={lang} compact />}
          </div>
        </div>
      )}
    </aside>
  );
}
