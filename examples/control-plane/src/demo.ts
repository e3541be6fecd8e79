/**
 * `pnpm demo`: the control plane fully offline, against the Hetzner fake and a throwaway loopback sshd.
 * The same environment variables as `pnpm start` apply (`--help`); the data directory defaults to
 * `./.pressluft-demo` and is wiped at every start, since the fake forgets its servers on exit.
 */
import { configHelp } from './config.js';
import { startDemo } from './offline/start-demo.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(configHelp());
  process.exit(0);
}

const demo = await startDemo({ environment: process.env }).catch((error: unknown) => {
  process.stderr.write(`The demo failed to start: ${(error as Error).message}\n`);
  process.exit(1);
});
process.stdout.write(`  Pressluft control plane (offline demo): ${demo.server.url}/nodes\n\n`);

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) process.exit(1);
    void demo.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
