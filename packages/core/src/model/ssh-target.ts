/** Where and as whom to open an SSH connection to a node. */
export interface SshTarget {
  /** An IPv4 address, an IPv6 address (without brackets) or a host name. */
  readonly host: string;
  /** The SSH port. */
  readonly port: number;
  /** The login user. */
  readonly user: string;
}
