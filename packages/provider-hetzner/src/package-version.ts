/** The version of this package, sent in the User-Agent; a test keeps it equal to package.json. */
export const packageVersion = '0.1.0';

/** The User-Agent every request carries, so Hetzner support can tell Pressluft's traffic apart. */
export const userAgent = `pressluft-provider-hetzner/${packageVersion}`;
