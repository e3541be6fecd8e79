import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PressluftError } from '@pressluft/core';
import { execa } from 'execa';
import type { Result } from 'neverthrow';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { type LoopbackSshd, startLoopbackSshd } from '../src/testing/index.js';

/** Processes whose command line mentions `text` (a run's temp directory): anything left of a run. */
export async function processesMentioning(text: string): Promise<{ pid: number; commandLine: string }[]> {
  const found: { pid: number; commandLine: string }[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      const commandLine = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ').trim();
      if (commandLine.includes(text)) found.push({ pid: Number(name), commandLine });
    } catch {
      // Gone while we looked.
    }
  }
  return found;
}

/** A fresh ed25519 key pair generated with ssh-keygen (never committed). */
export async function generateKeyPair(): Promise<{ privateKey: string; publicKey: string }> {
  const directory = await mkdtemp(join(tmpdir(), 'pressluft-key-'));
  const path = join(directory, 'key');
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'test', '-f', path]);
  const privateKey = await readFile(path, 'utf8');
  const publicKey = (await readFile(`${path}.pub`, 'utf8')).trim().split(/\s+/).slice(0, 2).join(' ');
  await execa('rm', ['-rf', directory]);
  return { privateKey, publicKey };
}

/** The error of a Result that must have failed. */
export function failureOf<T>(result: Result<T, PressluftError>): PressluftError {
  if (result.isOk()) throw new Error(`expected an error, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The value of a Result that must have succeeded. */
export function successOf<T>(result: Result<T, PressluftError>): T {
  if (result.isErr()) throw new Error(`expected success, got ${JSON.stringify(result.error.toJSON())}`);
  return result.value;
}

/** A loopback sshd and a private directory for the runs of one test suite. */
export interface LoopbackRunSuite {
  /** The sshd the runs connect to (set once the suite started). */
  readonly sshd: LoopbackSshd;
  /** The directory every run of the suite writes its temporary files in. */
  readonly runs: string;
}

/**
 * Start a loopback sshd and a runs directory before a suite and remove both after it; after every test,
 * check that the run left nothing behind: no file (key, inventory, vars, known_hosts, sockets) and no
 * process (ansible-playbook, its workers, ssh, a ControlPersist master).
 */
export function useLoopbackRunSuite(options: { sudo: boolean }): LoopbackRunSuite {
  let sshd: LoopbackSshd | undefined;
  let runs: string | undefined;
  beforeAll(async () => {
    sshd = await startLoopbackSshd({ sudo: options.sudo });
    runs = await mkdtemp(join(tmpdir(), 'pressluft-runs-'));
  });
  afterAll(async () => {
    await sshd?.stop();
    if (runs !== undefined) await rm(runs, { recursive: true, force: true });
  });
  afterEach(async () => {
    expect(await readdir(runs ?? '')).toEqual([]);
    expect(await processesMentioning(runs ?? '')).toEqual([]);
  });
  return {
    get sshd() {
      if (sshd === undefined) throw new Error('the loopback sshd has not started');
      return sshd;
    },
    get runs() {
      if (runs === undefined) throw new Error('the runs directory does not exist yet');
      return runs;
    },
  };
}
