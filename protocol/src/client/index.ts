/**
 * The clients' shared core (`@onedoor/protocol/client`): the hall link every client runs over its own socket, and
 * hall-local time formatting, Mandarin speech. Browser-side only; the hall server never imports it.
 */
export * from './hall-link.js';
export * from './link-socket.js';
export * from './link-env.js';
// Hall-local time formatting lives in the protocol's main entry (the server's calendar uses it too).
export * from '../time-format.js';
export * from './speech.js';
