import { createHash } from 'node:crypto';
import { type HetznerRequestSchema, hetznerRequestSchemas } from './generated/request-schemas.js';

/**
 * The fake's own model of what the API checks, written apart from the adapter so that an adapter bug
 * cannot be mirrored by the fake: request bodies against the schemas generated from the vendored
 * description, the budget a path counts against, and the SSH key fingerprint.
 */

/** One refused field, as Hetzner reports it in `invalid_input` details. */
export interface FakeFieldProblem {
  /** The field path, such as `ssh_keys[0]`. */
  readonly name: string;
  /** What is wrong with it. */
  readonly messages: string[];
}

type Schema = HetznerRequestSchema;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeMatches(type: unknown, value: unknown): boolean {
  switch (type) {
    case 'object':
      return isObject(value);
    case 'array':
      return Array.isArray(value);
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return true;
  }
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function check(schema: Schema, value: unknown, name: string, problems: FakeFieldProblem[]): void {
  const add = (message: string) => problems.push({ name: name === '' ? 'body' : name, messages: [message] });
  if (value === null) {
    if (schema['nullable'] !== true && schema['type'] !== undefined) add('must not be null');
    return;
  }
  const oneOf = schema['oneOf'] ?? schema['anyOf'];
  if (Array.isArray(oneOf)) {
    const matching = oneOf.filter((option) => {
      const nested: FakeFieldProblem[] = [];
      check(option as Schema, value, name, nested);
      return nested.length === 0;
    });
    if (matching.length !== 1) {
      const types = oneOf.map((option) => String((option as Schema)['type'] ?? 'value')).join(' or ');
      add(`is ${describeJsonType(value)}, expected ${types}`);
    }
    return;
  }
  if (schema['type'] !== undefined && !typeMatches(schema['type'], value)) {
    add(`is ${describeJsonType(value)}, expected ${String(schema['type'])}`);
    return;
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].includes(value)) {
    add(`must be one of ${schema['enum'].map(String).join(', ')}`);
    return;
  }
  if (typeof value === 'string') {
    if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern']).test(value))
      add('has an invalid format');
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength']) add('is too long');
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength']) add('is too short');
  }
  if (Array.isArray(value) && isObject(schema['items'])) {
    value.forEach((item, index) => check(schema['items'] as Schema, item, `${name}[${index}]`, problems));
  }
  if (isObject(value)) {
    const properties = isObject(schema['properties']) ? schema['properties'] : undefined;
    const extra = schema['additionalProperties'];
    const prefix = name === '' ? '' : `${name}.`;
    for (const required of Array.isArray(schema['required']) ? schema['required'] : []) {
      if (!(String(required) in value))
        problems.push({ name: `${prefix}${required}`, messages: ['is required'] });
    }
    for (const [key, child] of Object.entries(value)) {
      const property = properties?.[key];
      if (isObject(property)) check(property, child, `${prefix}${key}`, problems);
      else if (isObject(extra)) check(extra, child, `${prefix}${key}`, problems);
      // The description does not close its objects; the fake does, so a misspelt or removed field
      // (such as `datacenter`) is refused instead of silently ignored.
      else if (properties !== undefined || extra === false)
        problems.push({ name: `${prefix}${key}`, messages: ['is not a known field'] });
    }
  }
}

/**
 * Check a request body against the operation's schema from the vendored description (strict: unknown
 * fields are refused). Returns the problems, empty when the body is valid; null when the operation has
 * no body schema.
 */
export function validateRequestBody(operation: string, body: unknown): FakeFieldProblem[] | null {
  const schema = hetznerRequestSchemas[operation];
  if (schema === undefined) return null;
  const problems: FakeFieldProblem[] = [];
  check(schema, body, '', problems);
  return problems;
}

/** The fake's two budgets per token, as Hetzner documents them. */
export type FakeBudgetName = 'general' | 'actions';

/** Which budget a path counts against: action polling has its own, larger budget. */
export function fakeBudgetFor(path: string): FakeBudgetName {
  const [first, second, third] = path.split('/').filter((segment) => segment !== '');
  // `/actions`, `/actions/{id}`, `/servers/actions`, `/servers/{id}/actions[/{id}]`.
  return first === 'actions' || second === 'actions' || third === 'actions' ? 'actions' : 'general';
}

/**
 * Hetzner's fingerprint of an OpenSSH public key line: MD5 over the decoded key blob (the field after the
 * key type), as colon-separated lowercase hex. Null when the line has no such blob.
 */
export function fakeFingerprint(publicKey: string): string | null {
  const match = /(?:^|\s)((?:ssh|ecdsa|sk)-[^\s]+)\s+([A-Za-z0-9+/]+={0,2})(?:\s|$)/.exec(publicKey);
  if (match === null) return null;
  const blob = Buffer.from(match[2]!, 'base64');
  if (blob.length === 0) return null;
  const digest = createHash('md5').update(blob).digest();
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join(':');
}
