import { HttpResponse, http, type RequestHandler } from 'msw';
import { type HetznerFake, HetznerFakeNetworkError } from './hetzner-fake.js';

/** The public API base, which msw intercepts by default (kept here: the fake shares no code with the adapter). */
const hetznerApiBaseUrl = 'https://api.hetzner.cloud/v1';

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
