/**
 * The SSH wire encoding (RFC 4251 §5) that public key blobs and the openssh-key-v1 private key format
 * are made of: big-endian uint32 and length-prefixed strings.
 */

/** A uint32, big-endian. */
export function encodeUint32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32BE(value >>> 0);
  return buffer;
}

/** A length-prefixed string (bytes, or text in UTF-8). */
export function encodeString(value: Uint8Array | string): Buffer {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  return Buffer.concat([encodeUint32(bytes.length), bytes]);
}

/** Read the length-prefixed strings of a buffer in order; null when the buffer is not made of them. */
export function decodeStrings(buffer: Uint8Array): Buffer[] | null {
  const bytes = Buffer.from(buffer);
  const strings: Buffer[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    if (offset + 4 > bytes.length) return null;
    const length = bytes.readUInt32BE(offset);
    offset += 4;
    if (offset + length > bytes.length) return null;
    strings.push(bytes.subarray(offset, offset + length));
    offset += length;
  }
  return strings;
}
