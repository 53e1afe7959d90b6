/**
 * The ID-card reader as an app's main process uses it (the kiosk's, the window client's): who placed a card, that a
 * card is being read, and whether the reader is there. One adapter over {@link IdCardReader} for both apps, so a
 * card means the same holder at the kiosk and at the window. It loads nothing beyond this entry's driver.
 */
import { isDeviceError } from '../transport/device-error.js';
import type { CardKind, IdCard } from './card-text.js';
import type { IdCardReader } from './reader.js';

/** The person a card names: what a ticket or a case is taken for. */
export interface CardHolder {
  /** 18-character number (GB 11643), or a foreigner card's number (15 characters on the 2017 card). */
  idNumber: string;
  name: string;
  kind: CardKind;
}

/** The reader's state and, when not ready, why: `message` in Chinese for the screen, `messageEn` for logs. */
export interface ReaderHealth {
  state: 'ready' | 'absent' | 'error';
  message?: string;
  messageEn?: string;
}

export interface CardReaderFeed {
  start(): Promise<void>;
  close(): Promise<void>;
  onCard(cb: (holder: CardHolder) => void): () => void;
  /** A card is being read (its holder follows unless it is lifted): for what should be ready by then. */
  onFound(cb: () => void): () => void;
  onHealth(cb: (health: ReaderHealth) => void): () => void;
  health(): ReaderHealth;
}

/** A foreigner's card carries a Chinese name only when one was given: the English one is the name otherwise. */
export function cardHolderOf(card: IdCard): CardHolder {
  if (card.kind === 'resident' || card.kind === 'hmt-residence-permit')
    return { idNumber: card.idNumber, name: card.name, kind: card.kind };
  return { idNumber: card.cardNumber, name: card.chineseName || card.englishName, kind: card.kind };
}

function errorHealth(err: unknown): ReaderHealth {
  if (isDeviceError(err)) return { state: 'error', message: err.messageZh, messageEn: err.messageEn };
  const text = err instanceof Error ? err.message : String(err);
  return { state: 'error', message: `读卡器出错：${text}`, messageEn: `reader error: ${text}` };
}

/** Adapts the driver: `card` → holder, `found` passed on, `error` / `unplugged` / `replugged` → health. */
export function adaptIdCardReader(reader: IdCardReader): CardReaderFeed {
  const cards = new Set<(h: CardHolder) => void>();
  const founds = new Set<() => void>();
  const healths = new Set<(h: ReaderHealth) => void>();
  let health: ReaderHealth = { state: 'absent', message: '读卡器未连接', messageEn: 'reader not connected' };
  const setHealth = (h: ReaderHealth) => {
    health = h;
    for (const cb of healths) cb(h);
  };
  reader.on('card', (record) => {
    const holder = cardHolderOf(record.card);
    for (const cb of cards) cb(holder);
  });
  reader.on('found', () => {
    for (const cb of founds) cb();
  });
  reader.on('error', (err) => setHealth(errorHealth(err)));
  reader.on('unplugged', () => setHealth({ state: 'absent', message: '读卡器已断开', messageEn: 'reader unplugged' }));
  reader.on('replugged', () => setHealth({ state: 'ready' }));
  return {
    async start() {
      try {
        await reader.start();
        setHealth({ state: 'ready' });
      } catch (err) {
        // The app runs on without the reader, which keeps trying to open; its health says why until `replugged`.
        setHealth(errorHealth(err));
      }
    },
    close: () => reader.stop(),
    onCard(cb) {
      cards.add(cb);
      return () => cards.delete(cb);
    },
    onFound(cb) {
      founds.add(cb);
      return () => founds.delete(cb);
    },
    onHealth(cb) {
      healths.add(cb);
      return () => healths.delete(cb);
    },
    health: () => health,
  };
}

/** No reader configured. */
export function noCardReader(): CardReaderFeed {
  const health: ReaderHealth = { state: 'absent', message: '未配置读卡器', messageEn: 'no card reader configured' };
  return {
    start: async () => undefined,
    close: async () => undefined,
    onCard: () => () => undefined,
    onFound: () => () => undefined,
    onHealth: () => () => undefined,
    health: () => health,
  };
}
