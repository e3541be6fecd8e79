import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createHetznerFake,
  type HetznerFake,
  HetznerFakeNetworkError,
  type HetznerFakeOptions,
} from './hetzner-fake.js';

/** Options of {@link startHetznerFakeServer}. */
export interface HetznerFakeServerOptions {
  /** The port; 0 (default) picks a free one. */
  readonly port?: number;
  /** The address to listen on. Default 127.0.0.1 (loopback only). */
  readonly host?: string;
  /** A fake to serve; by default a new one. */
  readonly fake?: HetznerFake;
  /** Options of the new fake, when none is given. */
  readonly fakeOptions?: HetznerFakeOptions;
}

/** A running fake server. */
export interface HetznerFakeServer {
  /** The API base URL to give the provider, such as `http://127.0.0.1:4010/v1`. */
  readonly url: string;
  /** The fake behind it, for seeding and faults. */
  readonly fake: HetznerFake;
  /** Stop listening and drop open connections. */
  stop(): Promise<void>;
}

async function toRequest(incoming: IncomingMessage, origin: string, signal: AbortSignal): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const item of value) headers.append(name, item);
  }
  const method = incoming.method ?? 'GET';
  return new Request(new URL(incoming.url ?? '/', origin), {
    method,
    headers,
    signal,
    ...(chunks.length > 0 && method !== 'GET' && method !== 'HEAD' ? { body: Buffer.concat(chunks) } : {}),
  });
}

async function writeResponse(response: Response, outgoing: ServerResponse): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  outgoing.writeHead(response.status, headers);
  outgoing.end(Buffer.from(await response.arrayBuffer()));
}

/**
 * Serve the fake over HTTP on a loopback port, so a control plane can run offline against it
 * (`baseUrl: server.url`). The same handler as the msw adapter answers; a connection failure fault
 * destroys the socket.
 */
export function startHetznerFakeServer(options: HetznerFakeServerOptions = {}): Promise<HetznerFakeServer> {
  const fake = options.fake ?? createHetznerFake(options.fakeOptions);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((incoming, outgoing) => {
    const controller = new AbortController();
    outgoing.on('close', () => controller.abort());
    const origin = `http://${incoming.headers.host ?? host}`;
    toRequest(incoming, origin, controller.signal)
      .then((request) => fake.handle(request))
      .then((response) => writeResponse(response, outgoing))
      .catch((error: unknown) => {
        if (error instanceof HetznerFakeNetworkError || controller.signal.aborted) {
          incoming.socket.destroy();
          return;
        }
        outgoing.writeHead(500, { 'Content-Type': 'text/plain' });
        outgoing.end(error instanceof Error ? error.message : String(error));
      });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const address = server.address() as AddressInfo;
      const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostText}:${address.port}/v1`,
        fake,
        stop: () =>
          new Promise<void>((done) => {
            fake.releaseHangs();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
