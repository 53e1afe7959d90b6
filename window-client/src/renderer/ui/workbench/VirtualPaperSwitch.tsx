import { useEffect, useState } from 'react';
import { Switch } from 'antd';
import type { VirtualPrinter } from '../../devices';

/** The browser's virtual printer: paper in or out, so the clerk (and an e2e test) can try a printer out of paper. */
export function VirtualPaperSwitch({ printer }: { printer: VirtualPrinter }) {
  const [paperOut, setPaperOut] = useState(printer.paperOut);
  useEffect(() => printer.subscribe(() => setPaperOut(printer.paperOut)), [printer]);
  return (
    <span className="od-virtual-paper">
      虚拟打印机{' '}
      <Switch
        checked={!paperOut}
        checkedChildren="有纸"
        unCheckedChildren="缺纸"
        onChange={(paper) => printer.setPaperOut(!paper)}
        data-testid="virtual-paper"
      />
    </span>
  );
}
