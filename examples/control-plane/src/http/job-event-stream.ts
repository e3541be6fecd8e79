import type { ControlPlane, Redactor } from '@pressluft/core';
import { terminalJobEventTypes } from '@pressluft/core';
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { wireFormat } from './wire-format.js';

/** What {@link streamJobEvents} takes. */
export interface JobEventStreamOptions {
  readonly controlPlane: ControlPlane;
  readonly redactor: Redactor;
  readonly jobId: string;
  /** Resume after this sequence number. */
  readonly afterSeq: number;
  /** How often a comment line is sent while the job is quiet, so proxies keep the connection. */
  readonly keepAliveMs: number;
}

/**
 * A job's events as Server-Sent Events: `id:` is the event's seq (so EventSource resumes by itself with
 * `Last-Event-ID`), `event:` its type, `data:` the wire JobEvent. The stream ends after the terminal
 * event, or when the client goes away (which aborts the subscription).
 */
export function streamJobEvents(context: Context, options: JobEventStreamOptions): Response {
  return streamSSE(context, async (stream) => {
    const abort = new AbortController();
    stream.onAbort(() => abort.abort());
    const keepAlive = setInterval(() => {
      void stream.write(': keep-alive\n\n').catch(() => abort.abort());
    }, options.keepAliveMs);
    try {
      const events = options.controlPlane.jobs.subscribe(options.jobId, {
        afterSeq: options.afterSeq,
        signal: abort.signal,
      });
      for await (const event of events) {
        await stream.writeSSE({
          id: String(event.seq),
          event: event.type,
          data: JSON.stringify(options.redactor.redactValue(wireFormat.jobEvent(event))),
        });
        if (terminalJobEventTypes.has(event.type)) break;
      }
    } finally {
      clearInterval(keepAlive);
      abort.abort();
    }
  });
}
