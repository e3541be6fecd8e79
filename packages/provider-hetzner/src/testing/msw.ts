/**
 * `@pressluft/provider-hetzner/testing/msw`: msw request handlers in front of the Hetzner fake. A separate
 * entry so that `./testing` (the fake itself, as a `fetch` or an HTTP server) works without msw installed;
 * msw is an optional peer dependency needed only here.
 *
 * @packageDocumentation
 */

export { createHetznerFakeHandlers } from './msw-handlers.js';
