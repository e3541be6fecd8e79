/**
 * The first host address of an IPv6 network in CIDR form: `2001:db8:1:2::/64` gives `2001:db8:1:2::1`.
 *
 * Hetzner reports `public_net.ipv6.ip` as the routed /64 network, not an address; the server answers on
 * `<network>::1`. Returns null for anything that is not an IPv6 CIDR.
 */
export function ipv6HostAddress(cidr: string): string | null {
  const [address, prefixText] = cidr.trim().split('/');
  if (address === undefined || prefixText === undefined || !/^\d{1,3}$/.test(prefixText)) return null;
  const prefix = Number(prefixText);
  if (prefix > 127) return null;
  const value = parseIpv6(address);
  if (value === null) return null;
  const hostBits = 128n - BigInt(prefix);
  const network = (value >> hostBits) << hostBits;
  return formatIpv6(network + 1n);
}

function parseIpv6(text: string): bigint | null {
  if (!/^[0-9a-fA-F:]+$/.test(text)) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] === '' || halves[0] === undefined ? [] : halves[0].split(':');
  const tail = halves.length === 2 && halves[1] !== '' && halves[1] !== undefined ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return null;
    value = (value << 16n) | BigInt(Number.parseInt(group, 16));
  }
  return value;
}

/** RFC 5952 text form: lowercase, no leading zeros, the longest run of two or more zero groups as `::`. */
function formatIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let index = 7; index >= 0; index--) groups.push(Number((value >> BigInt(index * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 0;
  for (let start = 0; start < 8; start++) {
    let length = 0;
    while (start + length < 8 && groups[start + length] === 0) length++;
    if (length > bestLength && length >= 2) {
      bestStart = start;
      bestLength = length;
    }
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
