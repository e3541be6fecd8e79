/**
 * `@pressluft/core/testing`: conformance kits for stores and providers, an in-memory store, and mock
 * providers and provisioners for tests. The kits register vitest suites, so this entry needs `vitest`
 * (an optional peer dependency) and belongs in test files only.
 *
 * @packageDocumentation
 */

export {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
  type MemoryStoreTables,
} from './memory-store.js';
export {
  createMockCloud,
  type MockCloud,
  type MockCloudAction,
  type MockCloudFailure,
  type MockCloudOptions,
  type MockCloudServer,
  type MockCloudSshKey,
  mockIdempotencyLabel,
  mockManagedLabel,
} from './mock-cloud.js';
export {
  createMockProvider,
  defaultMockCatalog,
  type MockFailureOptions,
  type MockProvider,
  type MockProviderCall,
  type MockProviderMethod,
  type MockProviderOptions,
} from './mock-provider.js';
export {
  createMockProviderFactory,
  type MockProviderBuild,
  type MockProviderFactory,
  type MockProviderFactoryOptions,
} from './mock-provider-factory.js';
export {
  createMockProvisioner,
  defaultMockHostKey,
  type MockProvisioner,
  type MockProvisionerCall,
  type MockProvisionerMethod,
  type MockProvisionerOptions,
} from './mock-provisioner.js';
export {
  type ProviderBackendFailure,
  type ProviderBackendServer,
  type ProviderCatalogSample,
  type ProviderConformanceBackend,
  type ProviderConformanceOptions,
  runProviderConformance,
} from './provider-conformance.js';
export {
  codeOf,
  describeError,
  expectErr,
  expectErrCode,
  expectOk,
  type PendingResult,
} from './result-assertions.js';
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
