import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configHelp, configVariables, parseConfig } from './config.js';

describe('parseConfig', () => {
  it('uses the documented defaults', () => {
    const config = parseConfig({}, '/srv/app')._unsafeUnwrap();
    expect(config.port).toBe(8080);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe('/srv/app/.pressluft');
    expect(config.hetznerApiUrl).toBe('https://api.hetzner.cloud/v1');
    expect(config.ansibleCheckMode).toBe(false);
    expect(config.adminToken).toBeUndefined();
    expect(config.maxBodyBytes).toBe(65_536);
    expect(path.basename(config.provisionPlaybook)).toBe('node-provision.yml');
    expect(path.basename(config.readinessPlaybook)).toBe('node-readiness.yml');
  });

  it('reads every variable', () => {
    const config = parseConfig(
      {
        PORT: '9000',
        HOST: '0.0.0.0',
        PRESSLUFT_DATA_DIR: 'state',
        PRESSLUFT_HETZNER_API_URL: 'http://127.0.0.1:4010/v1/',
        PRESSLUFT_ANSIBLE_CHECK_MODE: '1',
        PRESSLUFT_WORKER_CONCURRENCY: '8',
        PRESSLUFT_ADMIN_TOKEN: 'a-long-enough-operator-token',
        PRESSLUFT_PROVISION_PLAYBOOK: '/opt/playbooks/provision.yml',
      },
      '/srv/app',
    )._unsafeUnwrap();
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dataDir: '/srv/app/state',
      hetznerApiUrl: 'http://127.0.0.1:4010/v1',
      ansibleCheckMode: true,
      workerConcurrency: 8,
      adminToken: 'a-long-enough-operator-token',
      provisionPlaybook: '/opt/playbooks/provision.yml',
    });
  });

  it('lists every problem at once with VALIDATION_FAILED', () => {
    const error = parseConfig({
      PORT: 'eighty',
      PRESSLUFT_ANSIBLE_CHECK_MODE: 'perhaps',
      PRESSLUFT_ADMIN_TOKEN: 'short',
      PRESSLUFT_LOG_LEVEL: 'loud',
      PRESSLUFT_HETZNER_API_URL: 'not a url',
    })._unsafeUnwrapErr();
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details?.['problems']).toHaveLength(5);
    // A rejected admin token is not echoed back.
    expect(error.message).not.toContain('"short"');
  });

  it('--help names every variable with its default', () => {
    const help = configHelp();
    for (const variable of configVariables) {
      expect(help).toContain(variable.name);
      expect(help).toContain(`default: ${variable.fallback}`);
    }
    for (const name of [
      'PORT',
      'HOST',
      'PRESSLUFT_DATA_DIR',
      'PRESSLUFT_SECRET_KEY',
      'PRESSLUFT_HETZNER_API_URL',
    ]) {
      expect(configVariables.map((variable) => variable.name)).toContain(name);
    }
  });
});
