/**
 * `@onedoor/hardware/id-card`: the 2nd-generation ID-card reader (SAM serial protocol). The byte codec is a
 * namespace because its names (encodeFrame, PREAMBLE, …) repeat across devices. The simulator is in
 * `@onedoor/hardware/simulators`.
 */
export * as samProtocol from './protocol.js';
export { SamFrameParser, type SamParseEvent, type SamFrameParserOptions } from './frame-parser.js';
export * from './card-text.js';
export {
  IdCardReader,
  readerTimeoutError,
  type IdCardReaderOptions,
  type IdCardReaderEventMap,
  type IdCardReaderStatus,
} from './reader.js';
export {
  adaptIdCardReader,
  cardHolderOf,
  noCardReader,
  type CardHolder,
  type CardReaderFeed,
  type ReaderHealth,
} from './reader-feed.js';
