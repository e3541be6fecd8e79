import type { CredentialStatus } from '../model/provider-connection.js';
import type { NodeProviderFactoryV1, ProviderAdapterOptions } from '../spec/node-provider-v1.js';
import { createMockCloud, type MockCloud } from './mock-cloud.js';
import { createMockProvider, type MockProvider, type MockProviderOptions } from './mock-provider.js';

/** Options of {@link createMockProviderFactory}: those of every adapter, plus what each token is. */
export interface MockProviderFactoryOptions extends Omit<MockProviderOptions, 'credentialStatus' | 'cloud'> {
  /** The backend all adapters share; a new one by default. */
  readonly cloud?: MockCloud;
  /**
   * What each token is. Without it every token is `connected`; with it, tokens not listed are `invalid`.
   */
  readonly tokens?: Readonly<Record<string, CredentialStatus>>;
}

/** An adapter a mock factory built, with the token it was built for. */
export interface MockProviderBuild {
  /** The token passed to `create`. */
  readonly token: string;
  /** The adapter. */
  readonly provider: MockProvider;
}

/** A `NodeProviderFactoryV1` of mock providers sharing one cloud, remembering what it built. */
export interface MockProviderFactory extends NodeProviderFactoryV1 {
  /** The backend every adapter acts on. */
  readonly cloud: MockCloud;
  /** The adapters built so far, with the token each was built for. */
  readonly built: readonly MockProviderBuild[];
  /** Build an adapter for one connection. */
  create(options: ProviderAdapterOptions): MockProvider;
}

/** A mock provider type for the control plane and engine tests: every adapter it builds shares one cloud. */
export function createMockProviderFactory(options: MockProviderFactoryOptions = {}): MockProviderFactory {
  const cloud = options.cloud ?? createMockCloud();
  const built: MockProviderBuild[] = [];
  const template = createMockProvider({ ...options, cloud });
  return {
    specificationVersion: 'v1',
    info: template.info,
    cloud,
    built,
    create({ token }) {
      const credentialStatus =
        options.tokens === undefined ? 'connected' : (options.tokens[token] ?? 'invalid');
      const provider = createMockProvider({ ...options, cloud, credentialStatus });
      built.push({ token, provider });
      return provider;
    },
  };
}
