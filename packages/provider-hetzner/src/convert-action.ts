import type { components } from './generated/hetzner-api.js';
import { expectBody } from './malformed-body.js';

type WireAction = components['schemas']['action'];

/** The state of one Hetzner action, as the poller needs it. */
export interface ActionState {
  /** The action id, as a string. */
  readonly id: string;
  /** The command, such as `create_server`. */
  readonly command: string;
  /** Running, or finished with success or error. */
  readonly status: 'running' | 'success' | 'error';
  /** Hetzner's error code when the action failed. */
  readonly errorCode: string | null;
  /** Hetzner's error message when the action failed. */
  readonly errorMessage: string | null;
}

/** Convert an action. */
export function convertAction(action: WireAction | undefined): ActionState {
  expectBody(typeof action?.id === 'number', 'action without id');
  expectBody(
    action.status === 'running' || action.status === 'success' || action.status === 'error',
    `action ${action.id} with unknown status`,
  );
  return {
    id: String(action.id),
    command: action.command ?? '',
    status: action.status,
    errorCode: action.status === 'error' ? (action.error?.code ?? 'unknown_error') : null,
    errorMessage: action.status === 'error' ? (action.error?.message ?? '') : null,
  };
}
