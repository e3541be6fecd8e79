// Starts one disposable Debian 12 test host (packages/test-host) for the consumer smoke test and keeps
// it until standard input closes; then stops it and checks that nothing is left behind.
//
//   node --import tsx scripts/consumer-smoke/test-host.ts <key directory>
//
// Prints one JSON line: {"address", "sshPort", "keyFile"} once root on the host accepts the generated
// key, or {"skip": "<what to install>"} when the prerequisites are missing outside CI (with CI=true a
// missing prerequisite throws, and the smoke test fails).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkTestHostPrerequisites, startTestHost } from '../../packages/test-host/src/index.ts';

const keyDirectory = process.argv[2];
if (keyDirectory === undefined) throw new Error('usage: test-host.ts <key directory>');
const log = (line: string) => process.stderr.write(`${line}\n`);

const skip = checkTestHostPrerequisites();
if (skip !== undefined) {
  process.stdout.write(`${JSON.stringify({ skip })}\n`);
  process.exit(0);
}
const keyFile = join(keyDirectory, 'id_ed25519');
execFileSync('ssh-keygen', [
  '-q',
  '-t',
  'ed25519',
  '-N',
  '',
  '-C',
  'pressluft-consumer-smoke',
  '-f',
  keyFile,
]);
const host = await startTestHost({
  name: 'pressluft-consumer',
  authorizedKey: readFileSync(`${keyFile}.pub`, 'utf8').trim(),
  log,
});
process.stdout.write(`${JSON.stringify({ address: host.address, sshPort: host.sshPort, keyFile })}\n`);

process.stdin.resume();
await new Promise((resolve) => process.stdin.on('end', resolve));
await host.stop();
const leftovers = await host.leftovers();
if (leftovers.length > 0) {
  log(`[consumer-smoke] the test host left behind: ${leftovers.join(', ')}`);
  process.exitCode = 1;
}
