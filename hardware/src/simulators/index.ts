/**
 * `@onedoor/hardware/simulators`: devices that speak the real protocols without hardware, for tests, the demo
 * hall's virtual devices (`hall-server/src/adapters/virtual-devices.ts`) and `npm run hw -- sim`. Nothing else
 * imports them (eslint: no-restricted-imports). They load no devDependency, so the demo runs from a production
 * install too.
 */
export {
  IdCardReaderSim,
  encodeCardText,
  fakePhotoWlt,
  type SimCard,
  type IdCardReaderSimOptions,
} from '../id-card/reader.sim.js';
export * from '../printer/printer.sim.js';
export {
  Rs485BusSimulator,
  openBusSimulator,
  type Rs485BusSimulatorOptions,
  type Rs485BusSimulatorEventMap,
  type OpenBusSimulatorOptions,
  type SimDeviceRecord,
  type SimDisplay,
} from '../rs485/bus.sim.js';
export {
  OnbonBoardSimulator,
  openOnbonSimulator,
  listenOnbonTcpSimulator,
  type OnbonBoardSimulatorOptions,
  type OnbonTcpSimulator,
} from '../onbon/board.sim.js';
