import { useState } from 'react';
import { Button, Input, Space } from 'antd';

/** Demo cards for the browser's virtual reader: valid check digits (GB 11643), invented people. */
export const DEMO_WINDOW_CARDS = [
  { name: '王小明', idNumber: '11010519491231002X' },
  { name: '李春花', idNumber: '320106198503151236' },
] as const;

/**
 * Identify the applicant: swipe a card (the Electron reader feeds `onCard`; in the browser a virtual card is
 * placed here), type the name and number, or type the 预审号 of an application pre-reviewed online.
 */
export function VirtualCardPanel({
  error,
  finding,
  onCard,
  onTyped,
  onPretrialCode,
}: {
  error: string | null;
  /** The 预审号 being looked up. */
  finding: string | null;
  onCard: (name: string, idNumber: string) => void;
  onTyped: (name: string, idNumber: string) => void;
  onPretrialCode: (code: string) => void;
}) {
  const [name, setName] = useState('');
  const [id, setId] = useState('');
  const [code, setCode] = useState('');
  return (
    <div className="od-intake-identify" data-testid="intake-identify">
      <div className="od-intake-hint">请群众在读卡器上刷身份证（浏览器模式：点击虚拟身份证）</div>
      <Space wrap>
        {DEMO_WINDOW_CARDS.map((c) => (
          <Button key={c.idNumber} data-testid="virtual-card" onClick={() => onCard(c.name, c.idNumber)}>
            虚拟身份证 · {c.name}
          </Button>
        ))}
      </Space>
      <Space wrap className="od-intake-typed">
        <Input placeholder="姓名" value={name} onChange={(e) => setName(e.target.value)} data-testid="typed-name" />
        <Input
          placeholder="证件号码"
          value={id}
          onChange={(e) => setId(e.target.value)}
          data-testid="typed-id"
          style={{ width: 220 }}
        />
        <Button onClick={() => onTyped(name, id)} data-testid="typed-submit">
          手工录入
        </Button>
      </Space>
      <Space wrap className="od-intake-typed">
        <Input
          placeholder="网上预审号"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          data-testid="pretrial-code-input"
          style={{ width: 220 }}
        />
        <Button onClick={() => onPretrialCode(code)} loading={finding !== null} data-testid="pretrial-code-submit">
          查询预审件
        </Button>
      </Space>
      {error && (
        <div className="od-intake-error" role="alert" data-testid="intake-error">
          {error}
        </div>
      )}
    </div>
  );
}
