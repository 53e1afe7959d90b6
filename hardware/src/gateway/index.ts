/**
 * `@onedoor/hardware/gateway`: binds pads, evaluators, strips and LED boards to the hall over MQTT. Its process
 * entry is `main.ts` (`npm run gateway`, `node dist/gateway/main.js`).
 */
export {
  createGateway,
  type Gateway,
  type GatewayOptions,
  type GatewayLogger,
  type GatewayDeviceStatus,
  type GatewayDeviceInput,
} from './gateway.js';
export {
  gatewayConfigSchema,
  parseGatewayConfig,
  parseGatewayConfigJson,
  resolveGatewayConfig,
  GatewayConfigError,
  type GatewayConfig,
  type GatewayConfigInput,
  type GatewayDevice,
} from './config.js';
