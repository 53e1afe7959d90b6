import { Button, Modal, Typography } from 'antd';
import { formatHallTime } from '@onedoor/protocol/client';
import type { DeviceRow } from '../../console-model';

export interface PairingCode {
  device: DeviceRow;
  code: string;
  expiresAt: string;
}

/** The one-time code a kiosk, board or gateway is paired with, and until when it works. */
export function PairingCodeModal({
  pairing,
  timeZone,
  onClose,
}: {
  pairing: PairingCode | null;
  timeZone: string;
  onClose: () => void;
}) {
  return (
    <Modal
      open={pairing !== null}
      title={pairing ? `配对码 · ${pairing.device.name}` : ''}
      footer={<Button onClick={onClose}>关闭</Button>}
      onCancel={onClose}
    >
      {pairing && (
        <div className="oc-pairing">
          <div className="oc-pairing-code" data-testid="pairing-code">
            {pairing.code}
          </div>
          <Typography.Paragraph>
            在{pairing.device.kindText}的配对界面输入此 6 位数字。配对码只能使用一次，
            {formatHallTime(pairing.expiresAt, timeZone, { seconds: true })} 前有效。
          </Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
}
