import type { Result, ResultAsync } from 'neverthrow';
import { PressluftError } from '../errors/pressluft-error.js';

/** A result to await: a `ResultAsync` or a promise of a `Result`. */
export type PendingResult<T, E> = ResultAsync<T, E> | Promise<Result<T, E>>;

/** The code of an error, or a short description of a value that is not a Pressluft error. */
export function describeError(error: unknown): string {
  if (PressluftError.isInstance(error)) return `${error.code} (${error.message})`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/** The registry code of an error, or `undefined` when it is not a Pressluft error. */
export function codeOf(error: unknown): string | undefined {
  return PressluftError.isInstance(error) ? error.code : undefined;
}

/** Await a result and return its value; fails the test, naming the behaviour, on an `Err`. */
export async function expectOk<T, E>(pending: PendingResult<T, E>, behaviour: string): Promise<T> {
  const result = await pending;
  if (result.isErr()) {
    throw new Error(`${behaviour}: expected Ok, got Err ${describeError(result.error)}`);
  }
  return result.value;
}

/** Await a result and return its error; fails the test, naming the behaviour, on an `Ok`. */
export async function expectErr<T, E>(pending: PendingResult<T, E>, behaviour: string): Promise<E> {
  const result = await pending;
  if (result.isOk()) {
    throw new Error(`${behaviour}: expected Err, got Ok ${JSON.stringify(result.value)}`);
  }
  return result.error;
}

/** Await a result and check that it is an `Err` with the given code; returns the error. */
export async function expectErrCode<T, E>(
  pending: PendingResult<T, E>,
  code: string,
  behaviour: string,
): Promise<E> {
  const error = await expectErr(pending, behaviour);
  if (codeOf(error) !== code) {
    throw new Error(`${behaviour}: expected Err ${code}, got Err ${describeError(error)}`);
  }
  return error;
}
