import { useEffect, useState } from 'react';
import type { BoardController } from '../board-controller';
import { formatClock } from '@onedoor/protocol/client';

/**
 * Corner marks: a small grey「离线 重连中…」while the link is down (the board keeps showing the last state), and
 * the「本机无语音播报」note when the browser has no speechSynthesis at all. While sound is blocked by the autoplay
 * policy, a tap or key press anywhere on the page turns it on (the badge itself is <SoundBadge/>).
 */
export function StatusMarks({ controller }: { controller: BoardController }) {
  const sound = controller.sound;
  const [, tick] = useState(0);

  useEffect(() => {
    if (sound !== 'blocked') return;
    const enable = (): void => controller.enableSound();
    window.addEventListener('pointerdown', enable);
    window.addEventListener('keydown', enable);
    return () => {
      window.removeEventListener('pointerdown', enable);
      window.removeEventListener('keydown', enable);
    };
  }, [sound, controller]);

  // While offline, refresh once in a while so "since 09:15" appears and stays honest.
  useEffect(() => {
    if (controller.status === 'online') return;
    const t = setInterval(() => tick((n) => n + 1), 10_000);
    return () => clearInterval(t);
  }, [controller.status]);

  const offline = controller.status !== 'online' && controller.state !== null;
  const since = controller.offlineSince;
  const longOffline = since !== null && controller.now() - since > 60_000;
  return (
    <>
      {offline && (
        <div className="mark mark--offline" role="status" data-testid="offline">
          <span className="mark__dot" />
          离线 重连中…
          <span className="en"> offline, reconnecting</span>
          {longOffline && since !== null && (
            <span className="mark__since"> · 自 {formatClock(since, controller.timeZone).time}</span>
          )}
        </div>
      )}
      {sound === 'unavailable' && (
        <div className="mark mark--nosound" role="status">
          本机无语音播报 <span className="en">/ no speech on this device</span>
        </div>
      )}
    </>
  );
}

/** 「声音已关闭 · 点击开启」: shown while the browser's autoplay policy keeps the board silent. */
export function SoundBadge({ controller, floating }: { controller: BoardController; floating?: boolean }) {
  if (controller.sound !== 'blocked') return null;
  return (
    <button
      type="button"
      className={`sound-badge${floating ? ' sound-badge--floating' : ''}`}
      data-testid="sound-off"
      onClick={() => controller.enableSound()}
    >
      <span className="sound-badge__speaker" aria-hidden="true" />
      声音已关闭 · 点击开启
      <span className="en">Sound off — tap to enable</span>
    </button>
  );
}
