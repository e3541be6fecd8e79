/**
 * Prepares the vendored Hetzner Cloud OpenAPI description for type generation.
 *
 * Two jobs: keep only the endpoints the adapter calls (and the schemas they reach), so the generated file
 * stays small enough to read and to type-check quickly; and bring the description up to the 2026 API,
 * which the vendored copy predates (see README, "The 2026 API changes").
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
  pruneToUsedPaths(document);
  return document;
}
