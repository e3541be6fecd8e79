import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvisionRunIdentity } from '@pressluft/core';
import { isTrackedDirectory } from './process-group.js';

/**
 * Run directories and their records. Every run of ansible-playbook gets a directory below the
 * provisioner's run directory, named after its job and attempt, with a `run.json` that says which job
 * attempt it is, which process owns it (pid and start time, so a reused pid is not mistaken for the
 * owner) and, once Ansible started, Ansible's pid and process group. A process that dies with SIGKILL
 * cannot clean up; the next one reads these records to find what it left: {@link sweepRuns} at start,
 * {@link stopOlderRuns} before a job's next attempt starts a run.
 */

/** The record file inside a run directory. */
export const RUN_RECORD_FILE = 'run.json';

/**
 * Longest control directory path: ssh's socket name inside it is Ansible's 10-character hash plus the
 * 17 characters of ssh's temporary suffix, and a Unix socket path has 107 usable bytes.
 */
const CONTROL_DIRECTORY_LIMIT = 107 - 1 - 10 - 17;

/** A run directory without a record this old was left by a process that died while creating it. */
const UNRECORDED_STALE_MS = 60_000;

/** What `run.json` holds. */
export interface RunRecord {
  /** Format version. */
  readonly version: 1;
  /** The job the run belongs to, or null for a run not tied to a job. */
  readonly jobId: string | null;
  /** The job's attempt, or null. */
  readonly attempt: number | null;
  /** The playbook's file name. */
  readonly playbook: string;
  /** The Node process that supervises the run. */
  readonly owner: ProcessIdentity;
  /** When the directory was made (ms since the epoch). */
  readonly createdAt: number;
  /**
   * Where the run's ControlPersist sockets live: `<run>/cp`, or a short private directory in the OS temp
   * directory when that path would not fit a Unix socket address (108 bytes with the socket's name).
   */
  readonly controlDirectory: string;
  /** ansible-playbook, once spawned: its pid, which is also its process group (it runs detached). */
  readonly ansible: (ProcessIdentity & { readonly pgid: number }) | null;
}

/** A pid and the kernel's start time of the process (clock ticks since boot), which tells pid reuse apart. */
export interface ProcessIdentity {
  /** The process id. */
  readonly pid: number;
  /** Field 22 of `/proc/<pid>/stat`, or null where it could not be read. */
  readonly startTime: string | null;
}

/** One process of the table, as far as run clean-up needs it. */
interface ProcessEntry {
  readonly pid: number;
  readonly pgid: number;
  readonly startTime: string;
  readonly commandLine: string;
}

/** The start time of a live (not zombie) process, or undefined when it is gone. */
export async function processStartTime(pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
    if (fields[0] === 'Z' || fields[0] === 'X') return undefined;
    return fields[19];
  } catch {
    return undefined;
  }
}

/** This process's identity, for the records of the runs it starts. */
export async function ownIdentity(): Promise<ProcessIdentity> {
  return { pid: process.pid, startTime: (await processStartTime(process.pid)) ?? null };
}

/** Whether the process a record names still runs (the same process: same pid and start time). */
async function identityAlive(identity: ProcessIdentity): Promise<boolean> {
  const startTime = await processStartTime(identity.pid);
  if (startTime === undefined) return false;
  return identity.startTime === null || identity.startTime === startTime;
}

/**
 * Create the parent directory of the runs, or check the one that exists: a directory (not a symlink),
 * owned by this user, mode 0700. A shared directory such as `/tmp` itself is refused: key files are
 * only as private as the directory above them.
 */
export async function prepareRunParent(parent: string): Promise<void> {
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const status = await lstat(parent);
  if (!status.isDirectory()) throw new Error(`the run directory ${parent} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && status.uid !== uid) {
    throw new Error(`the run directory ${parent} belongs to uid ${status.uid}, not to this user (${uid})`);
  }
  if ((status.mode & 0o1000) !== 0) {
    throw new Error(
      `the run directory ${parent} is a shared (sticky) directory; use a private directory inside it`,
    );
  }
  if ((status.mode & 0o077) !== 0) await chmod(parent, 0o700);
}

function safeName(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80);
}

/**
 * Make a run's directory (0700, named by job and attempt) and write its record before anything else,
 * so that even a process killed right after this leaves a directory the sweep can attribute.
 */
export async function createRunDirectory(
  parent: string,
  run: ProvisionRunIdentity | undefined,
  playbook: string,
  now: number,
): Promise<{ directory: string; record: RunRecord }> {
  const prefix = run === undefined ? 'run-' : `job-${safeName(run.jobId)}-attempt-${run.attempt}-`;
  // mkdtemp creates the directory 0700.
  const directory = await mkdtemp(join(parent, prefix));
  const inside = join(directory, 'cp');
  const controlDirectory =
    Buffer.byteLength(inside) <= CONTROL_DIRECTORY_LIMIT ? inside : await mkdtemp(join(tmpdir(), 'pl-cp-'));
  const record: RunRecord = {
    version: 1,
    jobId: run?.jobId ?? null,
    attempt: run?.attempt ?? null,
    playbook,
    owner: await ownIdentity(),
    createdAt: now,
    controlDirectory,
    ansible: null,
  };
  await writeRecord(directory, record);
  return { directory, record };
}

/** Replace the record atomically (write a temporary file, then rename), so a reader never sees half. */
export async function writeRecord(directory: string, record: RunRecord): Promise<void> {
  const temporary = join(directory, `${RUN_RECORD_FILE}.tmp`);
  await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
  await rename(temporary, join(directory, RUN_RECORD_FILE));
}

/** Read a run's record; undefined when it is missing or unreadable. */
export async function readRecord(directory: string): Promise<RunRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(join(directory, RUN_RECORD_FILE), 'utf8')) as RunRecord;
    if (parsed.version !== 1 || typeof parsed.owner?.pid !== 'number') return undefined;
    return parsed;
  } catch {
    return undefined;
  }
}

async function listProcesses(): Promise<ProcessEntry[]> {
  const entries: ProcessEntry[] = [];
  let names: string[];
  try {
    names = await readdir('/proc');
  } catch {
    return entries;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    if (pid === process.pid) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (fields[0] === 'Z' || fields[0] === 'X') continue;
      const commandLine = (await readFile(`/proc/${name}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      entries.push({ pid, pgid: Number(fields[2]), startTime: fields[19] ?? '', commandLine });
    } catch {
      // Gone while we looked.
    }
  }
  return entries;
}

/**
 * The live processes of a run: every process whose command line names the run directory (Ansible,
 * its forked workers, ssh and a ControlPersist master that left the group: they all carry the key,
 * inventory or control socket path), plus the members of the recorded process group once one of
 * them is shown to be ours (a group id is only reused after the whole group is gone).
 */
async function runProcesses(directory: string, record: RunRecord | undefined): Promise<ProcessEntry[]> {
  const processes = await listProcesses();
  const markers = [`${directory}/`];
  // A master's command line names only its socket ("ssh: <control directory>/<hash> [mux]").
  if (record?.controlDirectory !== undefined) markers.push(`${record.controlDirectory}/`);
  const ours = (entry: ProcessEntry) => markers.some((marker) => entry.commandLine.includes(marker));
  const named = processes.filter(ours);
  const pgid = record?.ansible?.pgid;
  if (pgid === undefined) return named;
  const group = processes.filter((entry) => entry.pgid === pgid);
  const leaderIsOurs = group.some(
    (entry) => entry.pid === record?.ansible?.pid && entry.startTime === record.ansible.startTime,
  );
  const groupIsOurs = leaderIsOurs || group.some(ours);
  if (!groupIsOurs) return named;
  const byPid = new Map(named.map((entry) => [entry.pid, entry]));
  for (const entry of group) byPid.set(entry.pid, entry);
  return [...byPid.values()];
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

async function allGone(entries: readonly ProcessEntry[], limitMs: number): Promise<boolean> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const alive = await Promise.all(
      entries.map(async (entry) => (await processStartTime(entry.pid)) === entry.startTime),
    );
    if (!alive.includes(true)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * Stop every live process of a run and wait until they are gone: SIGTERM (to the group and to each
 * process), then SIGKILL after `graceMs`. Returns how many processes were found alive.
 */
export async function stopRunProcesses(
  directory: string,
  record: RunRecord | undefined,
  graceMs: number,
): Promise<number> {
  const seen = new Set<number>();
  // A process may fork while we signal: look again until a round finds nothing.
  for (let round = 0; round < 5; round += 1) {
    const entries = await runProcesses(directory, record);
    if (entries.length === 0) break;
    for (const entry of entries) seen.add(entry.pid);
    const pgid = record?.ansible?.pgid;
    const groupAlive = pgid !== undefined && entries.some((entry) => entry.pgid === pgid);
    if (groupAlive) signal(-pgid, 'SIGTERM');
    for (const entry of entries) signal(entry.pid, 'SIGTERM');
    if (await allGone(entries, graceMs)) continue;
    if (groupAlive) signal(-pgid, 'SIGKILL');
    for (const entry of entries) signal(entry.pid, 'SIGKILL');
    if (!(await allGone(entries, 10_000))) {
      throw new Error(`processes of the run in ${directory} did not end after SIGKILL`);
    }
  }
  return seen.size;
}

/** What a sweep did. */
export interface SweepResult {
  /** Run directories removed. */
  readonly removedRuns: number;
  /** Live processes of those runs that were stopped. */
  readonly stoppedProcesses: number;
}

async function runDirectories(parent: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(parent);
  } catch {
    return [];
  }
  const directories: string[] = [];
  for (const name of names) {
    const path = join(parent, name);
    try {
      if ((await lstat(path)).isDirectory()) directories.push(path);
    } catch {
      // Removed while we looked.
    }
  }
  return directories;
}

async function removeRun(directory: string, record: RunRecord | undefined, graceMs: number) {
  const stopped = await stopRunProcesses(directory, record, graceMs);
  await rm(directory, { recursive: true, force: true });
  if (record?.controlDirectory !== undefined)
    await rm(record.controlDirectory, { recursive: true, force: true });
  return stopped;
}

/**
 * Remove the runs whose owner is gone: stop their processes that still live (SIGTERM, then SIGKILL,
 * waiting until they are gone) and delete their directories, key files included. Runs of a live
 * owner (another control plane sharing the directory, or this process) are left alone.
 */
export async function sweepRuns(parent: string, graceMs: number, now: number): Promise<SweepResult> {
  let removedRuns = 0;
  let stoppedProcesses = 0;
  for (const directory of await runDirectories(parent)) {
    if (isTrackedDirectory(directory)) continue;
    const record = await readRecord(directory);
    if (record === undefined) {
      // Written right after mkdtemp; without one the maker died in between (or is making it now).
      let age = 0;
      try {
        age = now - (await lstat(directory)).mtimeMs;
      } catch {
        continue;
      }
      if (age < UNRECORDED_STALE_MS) continue;
    } else if (await identityAlive(record.owner)) {
      continue;
    }
    stoppedProcesses += await removeRun(directory, record, graceMs);
    removedRuns += 1;
  }
  return { removedRuns, stoppedProcesses };
}

/** Why a run may not start: a later attempt of its job is already running. */
export interface Superseded {
  /** The later attempt. */
  readonly attempt: number;
}

/**
 * Before a job's attempt starts a run: stop and remove every other run of the same job from an
 * earlier (or the same, released) attempt, whoever owns it, and wait until its processes are gone.
 * The engine claims a later attempt only after the earlier one's lease is gone, so such a run is an
 * orphan. A run of a later attempt whose owner lives means this attempt is the orphan: it must not
 * start, and the result says so.
 */
export async function stopOlderRuns(
  parent: string,
  run: ProvisionRunIdentity,
  ownDirectory: string,
  graceMs: number,
): Promise<{ stoppedProcesses: number; superseded: Superseded | undefined }> {
  let stoppedProcesses = 0;
  for (const directory of await runDirectories(parent)) {
    if (directory === ownDirectory) continue;
    const record = await readRecord(directory);
    if (record === undefined || record.jobId !== run.jobId) continue;
    if ((record.attempt ?? 0) > run.attempt && (await identityAlive(record.owner))) {
      return { stoppedProcesses, superseded: { attempt: record.attempt ?? 0 } };
    }
    stoppedProcesses += await removeRun(directory, record, graceMs);
  }
  return { stoppedProcesses, superseded: undefined };
}
