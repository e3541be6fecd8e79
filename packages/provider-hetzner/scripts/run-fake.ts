/**
 * Runs the Hetzner fake as an HTTP server on a loopback port, so the control plane can run offline:
 *
 *   pnpm --filter @pressluft/provider-hetzner run fake -- --port 4010 [--host 127.0.0.1] [--time-scale 1]
 *
 * It prints the base URL and a read-write token (and a read-only one) to configure the provider with.
 * `--time-scale 0.1` makes actions finish ten times faster (create 1 s instead of 10 s).
 */
import { parseArgs } from 'node:util';
import { startHetznerFakeServer } from '../src/testing/fake-server.js';
import {
  createHetznerFake,
  hetznerFakeReadOnlyToken,
  hetznerFakeToken,
} from '../src/testing/hetzner-fake.js';

// `pnpm run fake -- --port 4010` forwards the `--`; drop it so the options after it count.
const args = process.argv.slice(2).filter((argument) => argument !== '--');
const { values } = parseArgs({
  args,
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    'time-scale': { type: 'string', default: '1' },
  },
});
const timeScale = Number(values['time-scale']);
if (!(timeScale > 0)) throw new Error('--time-scale must be a positive number');

const fake = createHetznerFake({
  actionDurations: {
    create_server: 10_000 * timeScale,
    start_server: 5_000 * timeScale,
    delete_server: 3_000 * timeScale,
  },
  durationJitter: 0.2,
});
const server = await startHetznerFakeServer({ port: Number(values.port), host: values.host, fake });
console.log(`Hetzner fake listening on ${server.url}`);
console.log(`read-write token: ${hetznerFakeToken}`);
console.log(`read-only token:  ${hetznerFakeReadOnlyToken}`);
console.log(
  'Point the provider at it (baseUrl, or PRESSLUFT_HETZNER_API_URL for the control plane); stop with Ctrl-C.',
);

const stop = async (): Promise<void> => {
  await server.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
