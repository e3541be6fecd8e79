import type { ProviderInfo } from '@pressluft/core';

/** Facts about the Hetzner provider type, shown to operators before they connect a project. */
export const hetznerProviderInfo: ProviderInfo = {
  type: 'hetzner',
  displayName: 'Hetzner Cloud',
  docsUrl: 'https://docs.hetzner.cloud/',
  tokenHelp: [
    '1. Open the Hetzner Cloud Console (https://console.hetzner.cloud) and select the project Pressluft should use.',
    '2. Go to Security → API tokens and choose "Generate API token".',
    '3. Name it (for example "pressluft") and select the permission "Read & Write"; a "Read" token cannot create servers.',
    '4. Copy the token right away (64 letters and digits; Hetzner shows it once) and paste it into the provider connection.',
  ].join('\n'),
};
