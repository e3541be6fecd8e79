import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminTokenWeakness, configHelp, configVariables, parseConfig } from './config.js';

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
        PRESSLUFT_ADMIN_TOKEN: 'Zk3-long-enough-operator-token-4x9Q',
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
      adminToken: 'Zk3-long-enough-operator-token-4x9Q',
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

  it('refuses an operator token under 32 characters or with little entropy, with a clear message', () => {
    for (const weak of [
      'sixteen-chars-ok',
      'a'.repeat(40),
      'abababababababababababababababab',
      '0123456789012345678901234567890',
    ]) {
      const error = parseConfig({ PRESSLUFT_ADMIN_TOKEN: weak })._unsafeUnwrapErr();
      expect(error.message).toContain('PRESSLUFT_ADMIN_TOKEN is too weak');
      expect(error.message).toContain('openssl rand -hex 32');
      expect(error.message).not.toContain(weak);
    }
    expect(adminTokenWeakness('9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08')).toBeNull();
    expect(adminTokenWeakness('plt_3q9XabcdEFGhjkmnpqRSTvwxyz0123456789')).toBeNull();
  });

  it('reads the public origins and refuses anything that is not an origin', () => {
    const config = parseConfig({
      PRESSLUFT_PUBLIC_ORIGIN: 'https://cp.example.com, http://10.0.0.5:8080',
    })._unsafeUnwrap();
    expect(config.publicOrigins).toEqual(['https://cp.example.com', 'http://10.0.0.5:8080']);
    expect(parseConfig({})._unsafeUnwrap().publicOrigins).toEqual([]);
    for (const bad of ['cp.example.com', 'https://cp.example.com/dashboard', 'ftp://cp.example.com']) {
      const error = parseConfig({ PRESSLUFT_PUBLIC_ORIGIN: bad })._unsafeUnwrapErr();
      expect(error.message).toContain('PRESSLUFT_PUBLIC_ORIGIN');
    }
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
