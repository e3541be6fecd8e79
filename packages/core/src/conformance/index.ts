/**
 * `@pressluft/core/conformance`: the conformance kits every store and provider adapter runs first. They
 * register vitest suites, so this entry needs `vitest` (an optional peer dependency) and belongs in test
 * files only.
 *
 * @packageDocumentation
 */

export {
  type ProviderBackendFailure,
  type ProviderBackendServer,
  type ProviderCatalogSample,
  type ProviderConformanceBackend,
  type ProviderConformanceOptions,
  runProviderConformance,
} from './provider-conformance.js';
export {
  runStoreConformance,
  type StoreCapabilities,
  type StoreConformanceOptions,
} from './store-conformance.js';
export type {
  Awaitable,
  RawJobEventRow,
  RawJobRow,
  RawManagedSshKeyRow,
  RawNodeRow,
  RawProviderConnectionRow,
  StoreReadBack,
} from './store-read-back.js';
