/**
 * `@pressluft/provider-hetzner/testing`: a stateful fake of the Hetzner Cloud API for tests, benchmarks and
 * offline runs, usable as a `fetch` or as an HTTP server on a loopback port. It needs only the package's own
 * dependencies; the msw handlers are in `@pressluft/provider-hetzner/testing/msw`.
 *
 * @packageDocumentation
 */

export type { components as HetznerApiComponents } from '../generated/hetzner-api.js';
export {
  defaultFakeCatalog,
  type FakeCatalog,
  type FakeImage,
  type FakeLocation,
  type FakeServerType,
} from './fake-catalog.js';
export type { HetznerFakeFault, HetznerFakeMatch, HetznerFakeScenario } from './fake-faults.js';
export {
  type HetznerFakeServer,
  type HetznerFakeServerOptions,
  startHetznerFakeServer,
} from './fake-server.js';
export {
  type FakeBudgetName,
  type FakeFieldProblem,
  fakeBudgetFor,
  fakeFingerprint,
  validateRequestBody,
} from './fake-validation.js';
export { type HetznerRequestSchema, hetznerRequestSchemas } from './generated/request-schemas.js';
export {
  createHetznerFake,
  type FakeActionCommand,
  type FakeClock,
  type FakeRequestRecord,
  type FakeServerState,
  type FakeTokenStats,
  type HetznerFake,
  HetznerFakeNetworkError,
  type HetznerFakeOptions,
  hetznerFakeReadOnlyToken,
  hetznerFakeToken,
  hetznerFakeUnknownToken,
  matchesLabelSelector,
} from './hetzner-fake.js';
