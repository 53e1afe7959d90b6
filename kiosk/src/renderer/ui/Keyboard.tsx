/** On-screen letter keyboard for pinyin-initial search (a touch kiosk has no keyboard). */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

export function Keyboard({ onKey, onClose }: { onKey: (key: string) => void; onClose: () => void }) {
  return (
    <div className="keyboard" role="group" aria-label="keyboard">
      {ROWS.map((row, i) => (
        <div className="kb-row" key={row}>
          {Array.from(row).map((k) => (
            <button key={k} className="kb-key" onClick={() => onKey(k)}>
              {k.toUpperCase()}
            </button>
          ))}
          {i === 2 && (
            <button className="kb-key wide" onClick={() => onKey('⌫')} aria-label="backspace">
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="kb-row">
        <button className="kb-key wide" onClick={onClose}>
          ✓
        </button>
      </div>
    </div>
  );
}
