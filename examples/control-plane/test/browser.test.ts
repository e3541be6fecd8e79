import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDemo, startDemo } from '../src/offline/start-demo.js';

const artifacts = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const chromiumFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let demo: RunningDemo;
let browser: BrowserContext;
let page: Page;
let scratch: string;
const adminToken = `browser-admin-${randomBytes(12).toString('hex')}`;
const logLines: string[] = [];
const pageProblems: string[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'pressluft-browser-'));
  await mkdir(artifacts, { recursive: true });
  demo = await startDemo({
    environment: {
      PORT: '0',
      PRESSLUFT_DATA_DIR: path.join(scratch, 'data'),
      PRESSLUFT_ADMIN_TOKEN: adminToken,
      PRESSLUFT_LOG_LEVEL: 'info',
    },
    actionDurations: { create_server: 1_500, start_server: 1_000, delete_server: 500 },
    writeLog: (line) => logLines.push(line),
    print: () => {},
  });
  // A fresh profile each run; launchPersistentContext is how Playwright takes --user-data-dir.
  browser = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1280, height: 900 },
  });
  page = browser.pages()[0] ?? (await browser.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') pageProblems.push(message.text());
  });
  page.on('pageerror', (error) => pageProblems.push(error.message));
});

afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

describe('dashboard in Chromium', () => {
  it('logs in, connects the fake Hetzner, creates a node and watches it become ready', async () => {
    const base = demo.server.url;

    await page.goto(`${base}/nodes`);
    await expect.poll(() => new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Operator token').fill('not-the-token-at-all');
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not the operator token');
    await page.getByLabel('Operator token').fill(adminToken);
    await page.getByRole('button', { name: 'Log in' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/nodes');
    // The refused login answered 401, which the console reports; from here on nothing may fail.
    pageProblems.length = 0;
    await expect.poll(() => page.getByText('No connected provider').count()).toBe(1);

    await page.getByRole('link', { name: 'Providers' }).first().click();
    await page.getByLabel('Type').selectOption('hetzner');
    await page.getByLabel('Name').fill('fake-project');
    await page.getByLabel('API token', { exact: true }).fill(demo.hetznerToken);
    await page.getByRole('button', { name: 'Connect' }).click();
    const row = page.locator('tr', { hasText: 'fake-project' });
    await expect.poll(() => row.locator('.badge').textContent(), { timeout: 20_000 }).toBe('connected');
    await expect.poll(() => page.locator('#flash').textContent()).toContain('connected');
    await page.screenshot({ path: path.join(artifacts, 'providers.png'), fullPage: true });

    await page.getByRole('link', { name: 'Nodes' }).first().click();
    await expect.poll(() => page.getByLabel('Location').isEnabled(), { timeout: 20_000 }).toBe(true);
    await page.getByLabel('Name').fill('web-1');
    await page.getByLabel('Location').selectOption('fsn1');
    await expect.poll(() => page.getByLabel('Server type').isEnabled()).toBe(true);
    await page.getByRole('button', { name: 'Create node' }).click();
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toMatch(/^\/nodes\/node_/);

    const status = page.locator('.title-row [data-field="status"]');
    await expect.poll(() => status.textContent(), { timeout: 150_000, interval: 500 }).toBe('ready');
    await expect
      .poll(() => page.locator('.step[data-step="readiness"]').getAttribute('data-state'), {
        timeout: 20_000,
      })
      .toBe('done');
    const steps = await page
      .locator('.step')
      .evaluateAll((items) =>
        items.map((item) => [item.getAttribute('data-step'), item.getAttribute('data-state')]),
      );
    expect(steps).toEqual([
      ['ensure-ssh-key', 'done'],
      ['create-server', 'done'],
      ['wait-for-actions', 'done'],
      ['fetch-server', 'done'],
      ['wait-for-ssh', 'done'],
      ['provision', 'done'],
      ['readiness', 'done'],
    ]);
    const tasks = await page.locator('.step[data-step="provision"] .task__name').allTextContents();
    expect(tasks).toEqual(['Check the connection', 'Read the host name', 'Read the kernel version']);
    await expect.poll(() => page.locator('[data-field="ipv4"]').textContent()).toMatch(/^203\.0\.113\./);
    expect(await page.locator('#error-panel').isHidden()).toBe(true);
    expect(await page.getByRole('button', { name: 'Retry' }).isEnabled()).toBe(true);
    await page.screenshot({ path: path.join(artifacts, 'node-ready.png'), fullPage: true });

    await page.getByRole('link', { name: 'Nodes' }).first().click();
    const nodeRow = page.locator('tr[data-node-id]', { hasText: 'web-1' });
    expect(await nodeRow.locator('[data-field="status"]').textContent()).toBe('ready');
    await page.screenshot({ path: path.join(artifacts, 'nodes.png'), fullPage: true });

    // No script errors and no Content-Security-Policy violations on the way.
    expect(pageProblems).toEqual([]);
    expect(logLines.join('\n')).not.toContain(demo.hetznerToken);
    expect(logLines.join('\n')).not.toContain(adminToken);
  }, 240_000);
});
