/**
 * Acquires 10 and 100 servers concurrently against the Hetzner fake with realistic action durations
 * (create ≈10 s, start ≈5 s, ±20 %) and prints, per run: requests per node on the general and the action
 * budget, the delay between the last action finishing and the adapter noticing (p50/p95, unscaled
 * seconds), and 429 answers — for the adapter and for a baseline that polls each action alone every
 * 500 ms (the official Go client's default).
 *
 *   pnpm bench:hetzner [--time-scale 0.5]
 *
 * Time is scaled: the fake, the adapter's polling and the baseline all run on one clock that advances
 * 1/scale times faster than real time; figures are reported in unscaled (Hetzner) time.
 */
import { performance } from 'node:perf_hooks';
import {
  type Clock,
  createHetznerProvider,
  createHetznerScope,
  type Sleep,
  systemSleep,
} from '../src/index.js';
import { createHetznerFake, type HetznerFake, hetznerFakeToken } from '../src/testing/index.js';

const scaleArgument = process.argv.indexOf('--time-scale');
// Below about 0.5 the baseline's thousands of requests crowd the event loop and its figures read too low.
const timeScale = scaleArgument === -1 ? 0.5 : Number(process.argv[scaleArgument + 1]);
if (!(timeScale > 0 && timeScale <= 1)) throw new Error('--time-scale must be in (0, 1]');

const realStart = performance.now();
const virtualStart = Date.now();
const clock: Clock = { now: () => virtualStart + (performance.now() - realStart) / timeScale };
const sleep: Sleep = (milliseconds, signal) => systemSleep(milliseconds * timeScale, signal);

interface Figures {
  readonly nodes: number;
  readonly generalPerNode: number;
  readonly actionsPerNode: number;
  readonly p50: number;
  readonly p95: number;
  readonly rateLimited: number;
  readonly failures: number;
  readonly wallSeconds: number;
}

function percentile(values: readonly number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return (
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? Number.NaN
  );
}

type Waiter = (actionIds: readonly string[]) => Promise<boolean>;

async function acquire(
  fake: HetznerFake,
  nodes: number,
  label: string,
  waiterFor: (fetch: HetznerFake['fetch']) => Waiter,
): Promise<Figures> {
  fake.reset();
  const provider = createHetznerProvider({
    token: hetznerFakeToken,
    fetch: fake.fetch,
    clock,
    sleep,
    scope: createHetznerScope(),
  });
  const wait = waiterFor(fake.fetch);
  const wallStart = performance.now();
  const delays: number[] = [];
  let failures = 0;
  await Promise.all(
    Array.from({ length: nodes }, async (_, index) => {
      const created = await provider.createServer({
        name: `${label}-${index}`,
        location: 'nbg1',
        serverType: 'cx23',
        image: 'ubuntu-24.04',
        sshKeyIds: [],
        idempotencyKey: `${label}-${index}`,
      });
      if (created.isErr()) {
        failures += 1;
        return;
      }
      const ok = await wait(created.value.actionIds);
      const noticedAt = clock.now();
      const finishedAt = Math.max(
        ...created.value.actionIds.map((id) => fake.actionTimes(Number(id))?.finishAt ?? Number.NaN),
      );
      const server = await provider.getServer(created.value.serverId);
      if (!ok || server.isErr() || server.value.status !== 'running') failures += 1;
      delays.push((noticedAt - finishedAt) / 1000);
    }),
  );
  const stats = fake.stats();
  return {
    nodes,
    generalPerNode: stats.general / nodes,
    actionsPerNode: stats.actions / nodes,
    p50: percentile(delays, 0.5),
    p95: percentile(delays, 0.95),
    rateLimited: stats.rateLimited,
    failures,
    wallSeconds: (performance.now() - wallStart) / 1000,
  };
}

/** The adapter: one batched poller per token. */
const adapterWaiter =
  (fake: HetznerFake): ((fetch: HetznerFake['fetch']) => Waiter) =>
  () => {
    const provider = createHetznerProvider({
      token: hetznerFakeToken,
      fetch: fake.fetch,
      clock,
      sleep,
      scope: createHetznerScope(),
    });
    return async (actionIds) => (await provider.waitForActions(actionIds)).isOk();
  };

/** The baseline: every action polled alone with GET /actions/{id}, sleeping 500 ms before each poll. */
const baselineWaiter = (): ((fetch: HetznerFake['fetch']) => Waiter) => (fetch) => async (actionIds) => {
  const results = await Promise.all(
    actionIds.map(async (id) => {
      for (;;) {
        await sleep(500);
        const response = await fetch(`https://api.hetzner.cloud/v1/actions/${id}`, {
          headers: { Authorization: `Bearer ${hetznerFakeToken}` },
        });
        if (response.status === 429) continue;
        const body = (await response.json()) as { action: { status: string } };
        if (body.action.status !== 'running') return body.action.status === 'success';
      }
    }),
  );
  return results.every(Boolean);
};

const format = (value: number, digits = 2) => value.toFixed(digits).padStart(7);

function print(name: string, figures: Figures): void {
  console.log(
    `${name.padEnd(24)} ${String(figures.nodes).padStart(5)} ${format(figures.generalPerNode)} ${format(figures.actionsPerNode)} ${format(figures.p50)} s ${format(figures.p95)} s ${String(figures.rateLimited).padStart(5)} ${String(figures.failures).padStart(8)} ${format(figures.wallSeconds, 1)} s`,
  );
}

const fake = createHetznerFake({
  clock,
  actionDurations: { create_server: 10_000, start_server: 5_000, delete_server: 3_000 },
  durationJitter: 0.2,
  seed: 7,
});

console.log(
  `Hetzner acquisition benchmark — fake API, create ≈10 s, start ≈5 s (±20 %), budgets 3600/h general and 7200/h actions, time scale ${timeScale}`,
);
console.log(
  `${'run'.padEnd(24)} ${'nodes'.padStart(5)} ${'general'.padStart(7)} ${'actions'.padStart(7)} ${'p50'.padStart(9)} ${'p95'.padStart(9)} ${'429s'.padStart(5)} ${'failures'.padStart(8)} ${'wall'.padStart(9)}`,
);
console.log(
  `${''.padEnd(24)} ${''.padStart(5)} ${'req/node'.padStart(7)} ${'req/node'.padStart(7)} ${'detection delay'.padStart(19)}`,
);
const results: Record<string, Figures> = {};
for (const nodes of [10, 100]) {
  results[`adapter-${nodes}`] = await acquire(fake, nodes, `a${nodes}`, adapterWaiter(fake));
  print('adapter (batched)', results[`adapter-${nodes}`]!);
  results[`baseline-${nodes}`] = await acquire(fake, nodes, `b${nodes}`, baselineWaiter());
  print('baseline (500 ms, alone)', results[`baseline-${nodes}`]!);
}

// The same 100 nodes with a budget already mostly spent (250 of 3600 left): pacing must avoid 429.
fake.reset();
const drained = await (async () => {
  const originalReset = fake.reset;
  fake.reset = () => {
    originalReset();
    fake.setBudget(hetznerFakeToken, 'general', { remaining: 250 });
  };
  try {
    return await acquire(fake, 100, 'd100', adapterWaiter(fake));
  } finally {
    fake.reset = originalReset;
  }
})();
print('adapter, 250 left', drained);

const adapter100 = results['adapter-100']!;
const baseline100 = results['baseline-100']!;
const reduction = baseline100.actionsPerNode / adapter100.actionsPerNode;
console.log('');
console.log(
  `action-poll requests at 100 nodes: ${reduction.toFixed(1)}× fewer than the baseline (target ≥ 5×)`,
);
console.log(`detection p95 at 100 nodes: ${adapter100.p95.toFixed(2)} s (target ≤ 1.5 s)`);
console.log(
  `429 answers at 100 nodes: ${adapter100.rateLimited} with a fresh budget, ${drained.rateLimited} with 250 requests left (target 0)`,
);
const met =
  reduction >= 5 && adapter100.p95 <= 1.5 && adapter100.rateLimited === 0 && drained.rateLimited === 0;
console.log(met ? 'all targets met' : 'TARGETS MISSED');
process.exitCode = met ? 0 : 1;
