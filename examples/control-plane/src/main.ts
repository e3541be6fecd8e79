/**
 * The control plane's entry point: reads the environment (`--help` lists it), starts the server, and
 * stops it cleanly on SIGTERM/SIGINT: no new claims, running steps get the grace period, the rest is
 * released and resumes on the next start.
 */
import { configHelp, parseConfig } from './config.js';
import { startServer } from './server.js';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(configHelp());
  process.exit(0);
}

const config = parseConfig(process.env);
if (config.isErr()) {
  process.stderr.write(`${config.error.message}\n${config.error.guidance}\n`);
  process.exit(2);
}

const started = await startServer({ config: config.value });
if (started.isErr()) {
  const error = started.error.toJSON();
  process.stderr.write(
    `${JSON.stringify({ level: 'error', msg: 'control plane failed to start', error })}\n`,
  );
  process.exit(1);
}
const server = started.value;
process.stdout.write(`\n  Pressluft control plane: ${server.url}/nodes\n\n`);

let signals = 0;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      server.logger.warn('second signal: exiting at once', { signal });
      process.exit(1);
    }
    server.logger.info('signal received', { signal });
    void server.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
