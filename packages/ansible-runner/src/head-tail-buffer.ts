/**
 * Keeps the first and the last characters of a stream of text and counts what fell in between, so a
 * run's output stays bounded however much Ansible prints.
 */
export class HeadTailBuffer {
  readonly #limit: number;
  #head = '';
  #tail = '';
  #dropped = 0;

  /** Keep up to `limit` characters at the start and `limit` at the end. */
  constructor(limit: number) {
    this.#limit = Math.max(0, limit);
  }

  /** Append text. */
  append(text: string): void {
    let rest = text;
    if (this.#head.length < this.#limit) {
      const room = this.#limit - this.#head.length;
      this.#head += rest.slice(0, room);
      rest = rest.slice(room);
    }
    if (rest.length === 0) return;
    const combined = this.#tail + rest;
    const overflow = combined.length - this.#limit;
    if (overflow > 0) {
      this.#dropped += overflow;
      this.#tail = combined.slice(overflow);
    } else {
      this.#tail = combined;
    }
  }

  /** How many characters were dropped from the middle. */
  get dropped(): number {
    return this.#dropped;
  }

  /** The kept text, with a marker where the middle was cut. */
  toString(): string {
    if (this.#dropped === 0) return this.#head + this.#tail;
    return `${this.#head}\n[... ${this.#dropped} characters cut ...]\n${this.#tail}`;
  }
}

/** Cut a string to its head and tail of `limit` characters each, marking the cut. */
export function truncateHeadTail(text: string, limit: number): string {
  const buffer = new HeadTailBuffer(limit);
  buffer.append(text);
  return buffer.toString();
}
