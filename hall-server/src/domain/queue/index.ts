/** The queue domain: types, commands, events and the pure functions over them. */
export * from './queue.types.js';
export * from './queue.commands.js';
export * from './queue.events.js';
export * from './queue.js';
export { queueErrors } from './queue.errors.js';
