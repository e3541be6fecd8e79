/**
 * `@pressluft/core/testing`: an in-memory store, mock providers and provisioners, and Result assertions
 * for tests and offline scripts. It needs no test runner; the conformance kits, which do, are in
 * `@pressluft/core/conformance`.
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
  codeOf,
  describeError,
  expectErr,
  expectErrCode,
  expectOk,
  type PendingResult,
} from './result-assertions.js';
export { waitUntil } from './wait-until.js';
