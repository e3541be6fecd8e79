// generated — do not edit.
// Source: Hetzner Cloud OpenAPI description, version 5134cbc,
// pruned to the endpoints the adapter calls and updated to the 2026 API by scripts/transform-openapi.ts.
// Regenerate: pnpm --filter @pressluft/provider-hetzner run generate

/** A JSON schema of a request body, reduced to the keywords validation needs. */
export type HetznerRequestSchema = { readonly [keyword: string]: unknown };

/** The JSON body schema of each operation the adapter can call, keyed `METHOD /path`, references inlined. */
export const hetznerRequestSchemas: Readonly<Record<string, HetznerRequestSchema>> = {
  "POST /servers": {
    "properties": {
      "automount": {
        "type": "boolean"
      },
      "firewalls": {
        "items": {
          "properties": {
            "firewall": {
              "format": "int64",
              "type": "integer"
            }
          },
          "required": [
            "firewall"
          ],
          "type": "object"
        },
        "type": "array"
      },
      "image": {
        "oneOf": [
          {
            "type": "integer",
            "format": "int64"
          },
          {
            "type": "string"
          }
        ]
      },
      "labels": {
        "additionalProperties": {
          "pattern": "^(()|[a-z0-9A-Z]|([a-z0-9A-Z][a-z0-9A-Z\\._-]{0,61}[a-z0-9A-Z]))$",
          "type": "string"
        },
        "type": "object"
      },
      "location": {
        "oneOf": [
          {
            "type": "integer",
            "format": "int64"
          },
          {
            "type": "string"
          }
        ]
      },
      "name": {
        "type": "string"
      },
      "networks": {
        "items": {
          "format": "int64",
          "type": "integer"
        },
        "type": "array"
      },
      "placement_group": {
        "format": "int64",
        "type": "integer"
      },
      "public_net": {
        "properties": {
          "enable_ipv4": {
            "type": "boolean"
          },
          "enable_ipv6": {
            "type": "boolean"
          },
          "ipv4": {
            "nullable": true,
            "type": "integer"
          },
          "ipv6": {
            "nullable": true,
            "type": "integer"
          }
        },
        "type": "object"
      },
      "server_type": {
        "oneOf": [
          {
            "type": "integer",
            "format": "int64"
          },
          {
            "type": "string"
          }
        ]
      },
      "ssh_keys": {
        "items": {
          "oneOf": [
            {
              "type": "integer",
              "format": "int64"
            },
            {
              "type": "string"
            }
          ]
        },
        "type": "array"
      },
      "start_after_create": {
        "type": "boolean"
      },
      "user_data": {
        "type": "string"
      },
      "volumes": {
        "items": {
          "format": "int64",
          "type": "integer"
        },
        "type": "array"
      }
    },
    "required": [
      "image",
      "name",
      "server_type"
    ],
    "type": "object"
  },
  "PUT /servers/{id}": {
    "properties": {
      "labels": {
        "additionalProperties": {
          "pattern": "^(()|[a-z0-9A-Z]|([a-z0-9A-Z][a-z0-9A-Z\\._-]{0,61}[a-z0-9A-Z]))$",
          "type": "string"
        },
        "type": "object"
      },
      "name": {
        "type": "string"
      }
    },
    "type": "object"
  },
  "POST /ssh_keys": {
    "properties": {
      "labels": {
        "additionalProperties": {
          "pattern": "^(()|[a-z0-9A-Z]|([a-z0-9A-Z][a-z0-9A-Z\\._-]{0,61}[a-z0-9A-Z]))$",
          "type": "string"
        },
        "type": "object"
      },
      "name": {
        "type": "string"
      },
      "public_key": {
        "type": "string"
      }
    },
    "required": [
      "name",
      "public_key"
    ],
    "type": "object"
  },
  "PUT /ssh_keys/{id}": {
    "properties": {
      "labels": {
        "additionalProperties": {
          "pattern": "^(()|[a-z0-9A-Z]|([a-z0-9A-Z][a-z0-9A-Z\\._-]{0,61}[a-z0-9A-Z]))$",
          "type": "string"
        },
        "type": "object"
      },
      "name": {
        "type": "string"
      }
    },
    "type": "object"
  }
};
