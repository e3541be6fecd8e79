import { HttpResponse, http, type RequestHandler } from 'msw';
import { hetznerApiBaseUrl } from '../hetzner-provider.js';
import { type HetznerFake, HetznerFakeNetworkError } from './hetzner-fake.js';

/**
 * msw handlers serving every request below `baseUrl` from the fake. Use with
 * `setupServer(...createHetznerFakeHandlers(fake))` and `onUnhandledRequest: 'error'`.
 */
export function createHetznerFakeHandlers(
  fake: HetznerFake,
  options: { readonly baseUrl?: string } = {},
): RequestHandler[] {
  const baseUrl = (options.baseUrl ?? hetznerApiBaseUrl).replace(/\/$/, '');
  return [
    http.all(`${baseUrl}/*`, async ({ request }) => {
      try {
        return await fake.handle(request);
      } catch (error) {
        if (error instanceof HetznerFakeNetworkError) return HttpResponse.error();
        throw error;
      }
    }),
  ];
}
