import type { JsonObject, Logger, Redactor } from '@pressluft/core';
import type { LogLevel } from '../config.js';

const levelRank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** What {@link createJsonLinesLogger} takes. */
export interface JsonLinesLoggerOptions {
  /** Scrubs registered secrets and token-shaped strings from every line. */
  readonly redactor: Redactor;
  /** The lowest level written. Default `info`. */
  readonly level?: LogLevel;
  /** Where lines go. Default standard output. */
  readonly write?: (line: string) => void;
  /** The clock. */
  readonly now?: () => number;
}

/**
 * A logger writing one JSON object per line (`time`, `level`, `msg`, then the fields), redacted as a
 * whole just before it leaves the process, so that no code path can log a secret by forgetting to.
 */
export function createJsonLinesLogger(options: JsonLinesLoggerOptions): Logger {
  const threshold = levelRank[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const now = options.now ?? Date.now;
  const log =
    (level: LogLevel) =>
    (message: string, fields?: JsonObject): void => {
      if (levelRank[level] < threshold) return;
      const line = { time: new Date(now()).toISOString(), level, msg: message, ...fields };
      write(JSON.stringify(options.redactor.redactValue(line)));
    };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
