import { runProviderConformance } from '@pressluft/core/conformance';
import { useHetznerFake } from './harness.js';

const { fake, provider } = useHetznerFake();

runProviderConformance({
  name: 'hetzner (fake over msw)',
  // Retries off: the kit scripts failures for every request and expects the first answer mapped.
  createProvider: () => provider({ retry: { maxRetries: 0 } }),
  backend: {
    listServers: async () =>
      fake.servers().map((server) => ({ id: String(server.id), labels: server.labels })),
    reset: () => fake.reset(),
    scriptFailure: (failure) => {
      fake.clearFaults();
      if (failure === 'unauthorized') {
        fake.inject(
          { kind: 'error', status: 401, code: 'unauthorized', message: 'unable to authenticate' },
          { times: Number.POSITIVE_INFINITY },
        );
      } else if (failure === 'rate-limited') {
        fake.inject(
          { kind: 'error', status: 429, code: 'rate_limit_exceeded', message: 'limit reached' },
          { times: Number.POSITIVE_INFINITY },
        );
      } else if (failure === 'unavailable') {
        fake.inject(
          { kind: 'error', status: 503, code: 'unavailable', message: 'service unavailable' },
          { times: Number.POSITIVE_INFINITY },
        );
      }
    },
  },
  catalogSample: { location: 'nbg1', serverType: 'cx23', image: 'ubuntu-24.04' },
  actionDeadlineMs: 5_000,
});
