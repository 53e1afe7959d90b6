/**
 * `@onedoor/hardware/onbon`: Onbon (仰邦) BX-5K/6K LED boards over serial or TCP. The byte codec is a namespace;
 * the board simulator is in `@onedoor/hardware/simulators`.
 */
export * as onbonProtocol from './protocol.js';
export { type DynamicArea, type DecodedArea } from './protocol.js';
export { OnbonBoard, OnbonNackError, type OnbonBoardOptions, type OnbonBoardEventMap } from './board.js';
