import { runProviderConformance } from '../conformance/provider-conformance.js';
import { createMockCloud } from './mock-cloud.js';
import { createMockProvider } from './mock-provider.js';

const cloud = createMockCloud({ actionPolls: 2 });

runProviderConformance({
  name: 'mock',
  createProvider: () => createMockProvider({ cloud }),
  backend: {
    listServers: async () =>
      [...cloud.servers.values()].map((server) => ({ id: server.id, labels: server.labels })),
    reset: () => cloud.clear(),
    scriptFailure: (failure) => {
      cloud.failure = failure;
    },
  },
  catalogSample: { location: 'fsn1', serverType: 'cx22', image: 'ubuntu-24.04' },
});
