/**
 * `@onedoor/hardware/rs485`: call pads, evaluators and window strips on one RS-485 line (FF 68 frames). The byte
 * codec is a namespace; the bus simulator is in `@onedoor/hardware/simulators`.
 */
export * as rs485Protocol from './protocol.js';
export { DEFAULT_RATING_MAP, type RatingLevel, type Rs485Frame, type HostCommand } from './protocol.js';
export {
  Rs485Bus,
  type Rs485BusOptions,
  type Rs485BusEventMap,
  type PadKeyPayload as BusKeyPayload,
  type EvaluatorRatingPayload,
} from './bus.js';
