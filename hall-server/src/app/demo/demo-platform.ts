/**
 * 演示数据 / DEMO DATA: the key the demo hall (`npm start` with HALL_PLATFORM_URL) and the platform simulator share
 * when none is given. Never for a real platform: set HALL_PLATFORM_KEY (or SM2 keys) there.
 */
export const DEMO_PLATFORM_KEY = 'onedoor-demo-platform-key-not-secret';
