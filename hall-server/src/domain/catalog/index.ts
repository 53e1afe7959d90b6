export * from './catalog.types.js';
export * from './catalog.validate.js';
export * from './catalog.resolve.js';
export * from './catalog.sheets.js';
export * from './catalog.changes.js';
