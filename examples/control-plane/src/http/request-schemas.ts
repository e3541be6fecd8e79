import { z } from 'zod';
import type { components } from '../generated/api-types.js';

type Schemas = components['schemas'];

const token = z.string().min(1).max(4096);

/**
 * The characters a display name may hold: letters and digits of any script (with their combining
 * marks), spaces, dashes and a few punctuation marks. No control characters (NUL, newlines), no format
 * characters (the bidi overrides U+202A–U+202E and U+2066–U+2069, zero-width joiners), which could make
 * a name display as something it is not.
 */
export const safeName = /^[\p{L}\p{M}\p{N}\p{Pd} ._()'&+,:/#@]+$/u;

/**
 * The zod schemas of request bodies, mirroring `contracts/openapi.yaml`. Strict objects: an unknown field
 * is an error, so that a typo (`server-type`) fails loudly instead of being ignored.
 */
export const requestSchemas = {
  connectProvider: z.strictObject({
    type: z.string().min(1).max(64),
    name: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .regex(
        safeName,
        "letters, digits, spaces and . _ - ( ) ' & + , : / # @ only (no control, format or bidi characters)",
      ),
    token,
  }),
  rotateToken: z.strictObject({ token }),
  createNode: z.strictObject({
    provider_id: z.string().min(1).max(128),
    name: z
      .string()
      .regex(
        /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'lower-case letters, digits and dashes, 1–63 characters, not starting or ending with a dash',
      ),
    location: z.string().min(1).max(64),
    server_type: z.string().min(1).max(64),
    image: z.string().min(1).max(128).optional(),
  }),
};

// The schemas and the contract must agree; these lines stop compiling when they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Required, writable and without undefined: the shape both sides must share. */
type Mutable<T> = { -readonly [K in keyof T]-?: Exclude<T[K], undefined> };
const contractAgreement: [
  Same<Mutable<z.infer<typeof requestSchemas.connectProvider>>, Mutable<Schemas['ConnectProviderRequest']>>,
  Same<Mutable<z.infer<typeof requestSchemas.rotateToken>>, Mutable<Schemas['RotateTokenRequest']>>,
  Same<Mutable<z.infer<typeof requestSchemas.createNode>>, Mutable<Schemas['CreateNodeRequest']>>,
] = [true, true, true];
void contractAgreement;
