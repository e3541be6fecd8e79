import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { type ErrorCode, errorCodes } from '@pressluft/core';
import { securityHeaderValues } from './security-headers.js';

const reasons: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  413: 'Payload Too Large',
  431: 'Request Header Fields Too Large',
};

/** The answer for what Node's HTTP parser refused before any route ran. */
function classify(error: NodeJS.ErrnoException): {
  readonly status: number;
  readonly code: ErrorCode;
  readonly message: string;
} {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        status: 431,
        code: 'VALIDATION_HEADERS_TOO_LARGE',
        message: 'The request headers are too large.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, code: 'VALIDATION_FAILED', message: 'The request did not arrive in time.' };
    default:
      return {
        status: 400,
        code: 'VALIDATION_FAILED',
        message: 'The request could not be parsed as HTTP/1.1.',
      };
  }
}

/**
 * Answer requests that Node's HTTP parser refuses (headers over `maxHeaderSize`, malformed request
 * lines) like every other refusal: the security headers, `X-Request-Id`, the standard error body, and
 * `Connection: close`. Node's default answer is a bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const { status, code, message } = classify(error);
    const requestId = randomUUID();
    const body = JSON.stringify({
      error: { code, message, guidance: errorCodes[code].guidance, request_id: requestId },
    });
    const headers = {
      ...securityHeaderValues,
      'Cache-Control': 'no-store',
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(body)),
      'X-Request-Id': requestId,
      Connection: 'close',
    };
    const head = Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.end(`HTTP/1.1 ${status} ${reasons[status] ?? 'Bad Request'}\r\n${head}\r\n${body}`);
  });
}
