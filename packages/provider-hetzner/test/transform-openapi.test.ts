import { describe, expect, it } from 'vitest';
import { prepareOpenApiDocument, requestBodySchemas, usedPaths } from '../scripts/transform-openapi.js';

/** A minimal description with the shapes the transform edits, and an unused path and schema. */
function description() {
  const ok = { responses: { 200: { description: 'ok' } } };
  const paths: Record<string, unknown> = Object.fromEntries(usedPaths.map((path) => [path, { get: ok }]));
  paths['/servers'] = {
    get: {
      responses: {
        200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/server' } } } },
      },
    },
    post: {
      requestBody: {
        content: { 'application/json': { schema: { $ref: '#/components/schemas/create_server_request' } } },
      },
      responses: {},
    },
  };
  paths['/server_types'] = {
    get: {
      responses: {
        200: {
          content: { 'application/json': { schema: { $ref: '#/components/schemas/server_type_location' } } },
        },
      },
    },
  };
  paths['/datacenters'] = {
    get: {
      responses: {
        200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/data_center' } } } },
      },
    },
  };
  return {
    openapi: '3.0.3',
    info: { title: 'x', version: '1' },
    paths,
    components: {
      securitySchemes: { APIToken: { type: 'http', scheme: 'bearer' } },
      schemas: {
        server: {
          type: 'object',
          required: ['id', 'datacenter'],
          properties: { id: { type: 'integer' }, datacenter: { $ref: '#/components/schemas/data_center' } },
        },
        create_server_request: {
          type: 'object',
          properties: {
            name: { type: 'string' },
            datacenter: { type: 'string' },
            location: { type: 'string', description: 'ID or name of the Location.' },
            server_type: { type: 'string' },
            image: { type: 'string' },
            ssh_keys: { type: 'array', items: { type: 'string' } },
            labels: { $ref: '#/components/schemas/labels' },
          },
          required: ['name'],
        },
        server_type_location: {
          type: 'object',
          required: ['id', 'name'],
          properties: { id: { type: 'integer' }, name: { type: 'string' } },
        },
        data_center: { type: 'object', properties: { name: { type: 'string' } } },
        labels: { type: 'object', description: 'Labels.', additionalProperties: { type: 'string' } },
        firewall: { type: 'object' },
      },
    },
  };
}

describe('prepareOpenApiDocument', () => {
  it('applies the 2026 changes: no datacenter anywhere, per-location available and recommended', () => {
    const document = prepareOpenApiDocument(description()) as {
      components: { schemas: Record<string, { required?: string[]; properties: Record<string, unknown> }> };
    };
    const { schemas } = document.components;
    expect(schemas['server']?.properties).not.toHaveProperty('datacenter');
    expect(schemas['server']?.required).toEqual(['id']);
    expect(schemas['create_server_request']?.properties).not.toHaveProperty('datacenter');
    expect(schemas['server_type_location']?.properties['available']).toMatchObject({ type: 'boolean' });
    expect(schemas['server_type_location']?.properties['recommended']).toMatchObject({ type: 'boolean' });
    expect(schemas['server_type_location']?.required).toEqual(['id', 'name']);
  });

  it('keeps only the used paths and the schemas they reach', () => {
    const document = prepareOpenApiDocument(description()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
    };
    expect(Object.keys(document.paths).sort()).toEqual([...usedPaths].sort());
    expect(Object.keys(document.components.schemas).sort()).toEqual([
      'create_server_request',
      'labels',
      'server',
      'server_type_location',
    ]);
    expect(document.components.securitySchemes).toHaveProperty('APIToken');
  });

  it('fails loudly when the description no longer has a schema the transform edits', () => {
    const broken = description();
    delete (broken.components.schemas as Record<string, unknown>)['server_type_location'];
    broken.paths['/server_types'] = { get: { responses: {} } };
    expect(() => prepareOpenApiDocument(broken)).toThrow(/server_type_location/);
  });

  it('overlays the create request: ssh_keys items and server_type/image/location as integer or string', () => {
    const document = prepareOpenApiDocument(description()) as {
      components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
    };
    const request = document.components.schemas['create_server_request']?.properties ?? {};
    const idOrName = [{ type: 'integer', format: 'int64' }, { type: 'string' }];
    expect(request['ssh_keys']?.['items']).toMatchObject({ oneOf: idOrName });
    for (const field of ['server_type', 'image', 'location']) {
      expect(request[field], field).toMatchObject({ oneOf: idOrName });
      expect(request[field], field).not.toHaveProperty('type');
    }
    expect(String(request['location']?.['description'])).toMatch(/^ID or name of the Location\. An ID is/);
  });

  it('extracts request body schemas with references inlined and descriptions dropped', () => {
    const schemas = requestBodySchemas(prepareOpenApiDocument(description()));
    expect(Object.keys(schemas)).toEqual(['POST /servers']);
    const body = schemas['POST /servers'] as { properties: Record<string, unknown>; required: string[] };
    expect(body.required).toEqual(['name']);
    expect(body.properties['labels']).toEqual({ type: 'object', additionalProperties: { type: 'string' } });
    expect(body.properties).not.toHaveProperty('datacenter');
    expect(JSON.stringify(body)).not.toMatch(/description|\$ref/);
  });
});
