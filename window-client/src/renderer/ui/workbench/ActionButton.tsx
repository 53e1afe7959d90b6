import { Button, Tooltip } from 'antd';

/** A big action button with its F-key, and a tooltip saying why when there is one. */
export function ActionButton({
  children,
  keyHint,
  hint,
  green,
  testId,
  onClick,
  ...rest
}: {
  children: string;
  keyHint?: string;
  hint?: string | null;
  green?: boolean;
  testId: string;
  onClick: () => unknown;
  type?: 'primary';
  danger?: boolean;
  disabled?: boolean;
  loading?: boolean;
}) {
  const button = (
    <Button
      size="large"
      className={`od-action${green ? ' od-green' : ''}`}
      data-testid={testId}
      onClick={() => void onClick()}
      {...rest}
    >
      <span className="od-action-label">{children}</span>
      {keyHint && <kbd className="od-kbd">{keyHint}</kbd>}
    </Button>
  );
  return hint ? <Tooltip title={hint}>{button}</Tooltip> : button;
}
