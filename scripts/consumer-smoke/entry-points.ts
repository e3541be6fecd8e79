// Every public entry point of the published packages, type-checked with skipLibCheck: false.

import * as ansibleRunner from '@pressluft/ansible-runner';
import * as ansibleRunnerTesting from '@pressluft/ansible-runner/testing';
import * as core from '@pressluft/core';
import * as coreConformance from '@pressluft/core/conformance';
import * as coreTesting from '@pressluft/core/testing';
import * as hetzner from '@pressluft/provider-hetzner';
import * as hetznerTesting from '@pressluft/provider-hetzner/testing';
import * as hetznerMsw from '@pressluft/provider-hetzner/testing/msw';
import * as storeSqlite from '@pressluft/store-sqlite';

export const entryPoints = {
  core,
  coreConformance,
  coreTesting,
  ansibleRunner,
  ansibleRunnerTesting,
  hetzner,
  hetznerTesting,
  hetznerMsw,
  storeSqlite,
};
