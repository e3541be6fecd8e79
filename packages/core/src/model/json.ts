export type { ErrorDetails, JsonValue } from '../errors/pressluft-error.js';

import type { JsonValue } from '../errors/pressluft-error.js';

/** A JSON object: job payloads, checkpoints, event data, provisioning vars. */
export type JsonObject = { [key: string]: JsonValue };
