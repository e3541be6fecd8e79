import type { Logger } from './control-plane-types.js';

/** A logger that writes nothing (the default of library code). */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};
