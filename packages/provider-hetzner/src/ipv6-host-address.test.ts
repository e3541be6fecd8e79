import { describe, expect, it } from 'vitest';
import { ipv6HostAddress } from './ipv6-host-address.js';

describe('ipv6HostAddress', () => {
  it.each([
    ['2001:db8::/64', '2001:db8::1'],
    ['2a01:4f8:c012:abcd::/64', '2a01:4f8:c012:abcd::1'],
    ['2A01:04F8:0000:0001::/64', '2a01:4f8:0:1::1'],
    ['2001:db8:1:2:3:4:5:6/64', '2001:db8:1:2::1'],
    ['fe80::/10', 'fe80::1'],
  ])('%s → %s', (cidr, host) => {
    expect(ipv6HostAddress(cidr)).toBe(host);
  });

  it.each(['1.2.3.4/24', '2001:db8::', 'not-an-address/64', '2001:db8:::1/64', '2001:db8::/129'])(
    'rejects %s',
    (value) => {
      expect(ipv6HostAddress(value)).toBeNull();
    },
  );
});
