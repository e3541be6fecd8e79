import type { ValidationError } from '@pressluft/core';
import type { Context } from 'hono';
import { err, ok, type Result } from 'neverthrow';
import type { z } from 'zod';
import { apiError } from './error-response.js';

/**
 * Read and validate a JSON body. The size limit is enforced before this runs (body-limit middleware);
 * here a body that is not JSON is `VALIDATION_BAD_JSON`, and a body that does not match the schema is
 * `VALIDATION_FAILED` with every problem and every unknown field listed in the details.
 */
export async function readJsonBody<S extends z.ZodType>(
  context: Context,
  schema: S,
): Promise<Result<z.infer<S>, ValidationError>> {
  const contentType = context.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    return err(
      apiError('VALIDATION_BAD_JSON', 'The request body must be JSON with Content-Type: application/json.'),
    );
  }
  const text = await context.req.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // The parser's message quotes the body, which may hold a token: say only that it failed.
    return err(apiError('VALIDATION_BAD_JSON', 'The request body is not valid JSON.'));
  }
  const result = schema.safeParse(parsed);
  if (result.success) return ok(result.data);
  const unknownFields = result.error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' ? issue.keys.map((key) => [...issue.path, key].join('.')) : [],
  );
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(body)',
    message: issue.message,
  }));
  const summary = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return err(
    apiError('VALIDATION_FAILED', `The request body is invalid: ${summary}`, {
      issues,
      ...(unknownFields.length > 0 ? { unknown_fields: unknownFields } : {}),
    }),
  );
}
