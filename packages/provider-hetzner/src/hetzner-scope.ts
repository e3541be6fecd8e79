import { ActionPoller, type ActionPollerOptions } from './action-poller.js';
import { createRateLimitBudget, type RateLimitBudget } from './rate-limit-budget.js';

/**
 * What providers of one token share: the rate-limit budget and the action poller. By default a scope
 * exists once per process and `fetch` function, so every provider built for the same token and API base
 * in the process draws on one budget and one batched poller; tests and benchmarks create their own.
 */
export interface HetznerScope {
  /** The shared budget of a token (keyed by a hash of it, never the token). */
  budget(key: string, reserve: number): RateLimitBudget;
  /** The shared poller of a token; the first provider's options build it. */
  poller(key: string, options: () => ActionPollerOptions): ActionPoller;
}

/** Create an isolated scope. */
export function createHetznerScope(): HetznerScope {
  const budgets = new Map<string, RateLimitBudget>();
  const pollers = new Map<string, ActionPoller>();
  return {
    budget(key, reserve) {
      let budget = budgets.get(key);
      if (budget === undefined) {
        budget = createRateLimitBudget(reserve);
        budgets.set(key, budget);
      }
      return budget;
    },
    poller(key, options) {
      let poller = pollers.get(key);
      if (poller === undefined) {
        poller = new ActionPoller(options());
        pollers.set(key, poller);
      }
      return poller;
    },
  };
}

const processScopes = new WeakMap<object, HetznerScope>();

/** The process-wide scope for a fetch function. */
export function processScope(fetchFunction: object): HetznerScope {
  let scope = processScopes.get(fetchFunction);
  if (scope === undefined) {
    scope = createHetznerScope();
    processScopes.set(fetchFunction, scope);
  }
  return scope;
}
