export * from './case.types.js';
export * from './case.machine.js';
export * from './case-number.js';
export * from './case-access.js';
