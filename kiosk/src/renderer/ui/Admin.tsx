/** Hidden admin dialog (five taps on the hall name): PIN to exit the kiosk (Electron) or unpair (browser). */
import { useState } from 'react';
import type { KioskController } from '../kiosk-controller';
import type { Lang } from '../visit-flow';
import { t } from '../i18n';
import { PinPad } from './screens';

export function AdminDialog({
  lang,
  controller,
  runtime,
  onClose,
}: {
  lang: Lang;
  controller: KioskController;
  runtime: 'electron' | 'browser';
  onClose: () => void;
}) {
  const [pin, setPin] = useState('');
  const [wrong, setWrong] = useState(false);
  const press = (k: string) => {
    setWrong(false);
    setPin((p) => (k === '⌫' ? p.slice(0, -1) : (p + k).slice(0, 12)));
  };
  return (
    <div className="modal" role="dialog" aria-label={t(lang, 'adminTitle')}>
      <div className="modal-box">
        <h2>{t(lang, 'adminTitle')}</h2>
        {runtime === 'electron' ? (
          <>
            <p>{t(lang, 'adminPin')}</p>
            <div className="pin-dots">{'●'.repeat(pin.length) || ' '}</div>
            <PinPad onKey={press} />
            {wrong && <p className="error">{t(lang, 'adminWrong')}</p>}
            <button
              className="primary"
              disabled={pin.length < 4}
              onClick={() =>
                void controller.api.exitKiosk(pin).then((ok) => {
                  if (!ok) {
                    setWrong(true);
                    setPin('');
                  }
                })
              }
            >
              {t(lang, 'adminExit')}
            </button>
          </>
        ) : (
          <button className="secondary" onClick={() => void controller.unpair().then(onClose)}>
            {t(lang, 'adminUnpair')}
          </button>
        )}
        <button className="secondary" onClick={onClose}>
          {t(lang, 'cancel')}
        </button>
      </div>
    </div>
  );
}
