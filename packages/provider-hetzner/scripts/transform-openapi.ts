/**
 * Prepares the vendored Hetzner Cloud OpenAPI description for type generation.
 *
 * Three jobs: keep only the endpoints the adapter calls (and the schemas they reach), so the generated file
 * stays small enough to read and to type-check quickly; bring the description up to the 2026 API, which
 * the vendored copy predates; and overlay the request fields whose description is looser than the API
 * (see README, "Generated types and the 2026 API changes").
 */

/** The endpoints the adapter calls; everything else is dropped before generation. */
export const usedPaths: readonly string[] = [
  '/actions',
  '/actions/{id}',
  '/images',
  '/locations',
  '/server_types',
  '/servers',
  '/servers/{id}',
  '/servers/{id}/actions',
  '/ssh_keys',
  '/ssh_keys/{id}',
];

type JsonRecord = Record<string, unknown>;

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function collectReferences(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectReferences(item, into);
    return;
  }
  if (!isRecord(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string') into.add(child);
    else collectReferences(child, into);
  }
}

function schemaAt(document: JsonRecord, name: string): JsonRecord {
  const components = document['components'];
  const schemas = isRecord(components) ? components['schemas'] : undefined;
  const schema = isRecord(schemas) ? schemas[name] : undefined;
  if (!isRecord(schema))
    throw new Error(`The OpenAPI description has no schema "${name}"; the transform is out of date.`);
  return schema;
}

function propertiesOf(schema: JsonRecord, name: string): JsonRecord {
  const properties = schema['properties'];
  if (!isRecord(properties))
    throw new Error(`Schema "${name}" has no properties; the transform is out of date.`);
  return properties;
}

function removeProperty(document: JsonRecord, schemaName: string, property: string): void {
  const schema = schemaAt(document, schemaName);
  delete propertiesOf(schema, schemaName)[property];
  const required = schema['required'];
  if (Array.isArray(required)) schema['required'] = required.filter((entry) => entry !== property);
}

/**
 * Applies the API changes of 2026 that the vendored description predates:
 * - `datacenter` was removed from server responses (2026-07-01) and may no longer be sent on create;
 *   dropping it from the types makes any use a compile error.
 * - server types gained per-location `available` and `recommended` flags (2026-04-01); they are optional
 *   here so that answers from before the change still type-check.
 */
export function apply2026Changes(document: JsonRecord): void {
  removeProperty(document, 'server', 'datacenter');
  removeProperty(document, 'create_server_request', 'datacenter');
  const location = propertiesOf(schemaAt(document, 'server_type_location'), 'server_type_location');
  location['available'] = {
    type: 'boolean',
    description: 'Whether the Server Type can be ordered in this Location now (added 2026-04-01).',
  };
  location['recommended'] = {
    type: 'boolean',
    description: 'Whether Hetzner recommends the Server Type in this Location (added 2026-04-01).',
  };
}

/**
 * Where the description is looser (or narrower) than the API, for the request fields the adapter sends.
 * Each entry is documented in the README ("Generated types and the 2026 API changes"):
 * - `create_server_request.ssh_keys`: the description types the items as strings, but its own text says
 *   "SSH key IDs (`integer`) or names (`string`)"; a numeric string is a *name*, so an ID must be sent as
 *   a JSON number (hcloud-go sends `[]int64`). The items become integer-or-string.
 * - `create_server_request.server_type`, `image`, `location`: "ID or name", typed as string only; the API
 *   takes an ID as a JSON number (hcloud-go's `IDOrName`). They become integer-or-string, so that an ID
 *   can never be sent as a numeric string by mistake: the adapter sends names.
 */
export function applyRequestOverlay(document: JsonRecord): void {
  const request = propertiesOf(schemaAt(document, 'create_server_request'), 'create_server_request');
  const idOrName = (description: string) => ({
    description,
    oneOf: [{ type: 'integer', format: 'int64' }, { type: 'string' }],
  });
  const sshKeys = request['ssh_keys'];
  if (!isRecord(sshKeys))
    throw new Error('Schema "create_server_request" has no ssh_keys; the transform is out of date.');
  sshKeys['items'] = {
    description: 'An SSH key ID as an integer, or a key name as a string (a numeric string is a name).',
    oneOf: [{ type: 'integer', format: 'int64' }, { type: 'string' }],
  };
  for (const field of ['server_type', 'image', 'location']) {
    const property = request[field];
    if (!isRecord(property))
      throw new Error(`Schema "create_server_request" has no ${field}; the transform is out of date.`);
    request[field] = idOrName(
      `${String(property['description'] ?? field)} An ID is a JSON number; a string is a name.`,
    );
  }
}

/** A JSON schema reduced to what request validation needs: no descriptions, examples or references. */
export type RequestSchema = JsonRecord;

const validationKeywords = new Set([
  'type',
  'properties',
  'required',
  'items',
  'oneOf',
  'anyOf',
  'enum',
  'nullable',
  'pattern',
  'additionalProperties',
  'maxLength',
  'minLength',
  'format',
]);

function inlineSchema(document: JsonRecord, value: unknown, depth = 0): unknown {
  if (depth > 20) throw new Error('The OpenAPI description has a reference cycle in a request body.');
  if (Array.isArray(value)) return value.map((item) => inlineSchema(document, item, depth + 1));
  if (!isRecord(value)) return value;
  const reference = value['$ref'];
  if (typeof reference === 'string') {
    const name = reference.replace('#/components/schemas/', '');
    return inlineSchema(document, schemaAt(document, name), depth + 1);
  }
  const result: JsonRecord = {};
  for (const [key, child] of Object.entries(value)) {
    if (!validationKeywords.has(key)) continue;
    if (key === 'properties' && isRecord(child)) {
      result[key] = Object.fromEntries(
        Object.entries(child).map(([name, property]) => [name, inlineSchema(document, property, depth + 1)]),
      );
    } else result[key] = inlineSchema(document, child, depth + 1);
  }
  return result;
}

/**
 * The JSON body schema of every operation of {@link usedPaths} that takes one, keyed `METHOD /path`, with
 * references inlined: what the fake validates request bodies against. Taken from a document prepared by
 * {@link prepareOpenApiDocument}, so the 2026 changes and the overlay apply.
 */
export function requestBodySchemas(document: JsonRecord): Record<string, RequestSchema> {
  const paths = document['paths'];
  if (!isRecord(paths)) throw new Error('The OpenAPI description has no paths.');
  const schemas: Record<string, RequestSchema> = {};
  for (const path of usedPaths) {
    const item = paths[path];
    if (!isRecord(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isRecord(operation)) continue;
      const body = operation['requestBody'];
      const content = isRecord(body) ? body['content'] : undefined;
      const media = isRecord(content) ? content['application/json'] : undefined;
      const schema = isRecord(media) ? media['schema'] : undefined;
      if (schema === undefined) continue;
      schemas[`${method.toUpperCase()} ${path}`] = inlineSchema(document, schema) as RequestSchema;
    }
  }
  return schemas;
}

/** Keeps only {@link usedPaths} and the component schemas, parameters and responses they reach. */
export function pruneToUsedPaths(document: JsonRecord): void {
  const paths = document['paths'];
  if (!isRecord(paths)) throw new Error('The OpenAPI description has no paths.');
  const kept: JsonRecord = {};
  for (const path of usedPaths) {
    const item = paths[path];
    if (!isRecord(item)) throw new Error(`The OpenAPI description has no path "${path}".`);
    kept[path] = item;
  }
  document['paths'] = kept;

  const components = isRecord(document['components']) ? document['components'] : {};
  const reachable = new Set<string>();
  const pending: unknown[] = [kept];
  while (pending.length > 0) {
    const found = new Set<string>();
    collectReferences(pending.pop(), found);
    for (const reference of found) {
      if (reachable.has(reference)) continue;
      reachable.add(reference);
      const [, , section, name] = reference.split('/');
      const group = section === undefined ? undefined : components[section];
      if (name !== undefined && isRecord(group)) pending.push(group[name]);
    }
  }
  const prunedComponents: JsonRecord = {};
  for (const [section, group] of Object.entries(components)) {
    if (!isRecord(group)) continue;
    const keptGroup: JsonRecord = {};
    for (const [name, value] of Object.entries(group)) {
      if (section === 'securitySchemes' || reachable.has(`#/components/${section}/${name}`))
        keptGroup[name] = value;
    }
    if (Object.keys(keptGroup).length > 0) prunedComponents[section] = keptGroup;
  }
  document['components'] = prunedComponents;
}

/** The whole preparation: a deep copy of the description, pruned and updated to the 2026 API. */
export function prepareOpenApiDocument(original: unknown): JsonRecord {
  if (!isRecord(original)) throw new Error('The OpenAPI description is not a JSON object.');
  const document = structuredClone(original);
  // Changes first, so that schemas reachable only through removed fields (data_center) are pruned too.
  apply2026Changes(document);
  applyRequestOverlay(document);
  pruneToUsedPaths(document);
  return document;
}
