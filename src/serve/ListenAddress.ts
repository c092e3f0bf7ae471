import { isIP } from 'node:net';

/** Where the HTTP server listens: a host (name or IP literal, without brackets) and a port (0: any free one). */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** A listen address that cannot be used, with what is wrong with it. */
export class ListenAddressError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListenAddressError';
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

/** True when `host` can only be reached from this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || (isIP(host) === 4 && host.startsWith('127.'));
}

function port(text: string, input: string): number {
  const value = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(value >= 0 && value <= 65535)) throw new ListenAddressError(`bad listen address '${input}': the port must be 0 to 65535, got '${text}'`);
  return value;
}

/**
 * Reads `host:port`, `[ipv6]:port` or a bare `port` (which listens on 127.0.0.1: loopback unless
 * told otherwise, so nothing is exposed by accident).
 * @throws ListenAddressError naming what is wrong.
 */
export function parseListenAddress(input: string): ListenAddress {
  const text = input.trim();
  if (/^\d+$/.test(text)) return { host: '127.0.0.1', port: port(text, input) };
  const bracketed = /^\[([^\]]+)\]:(\d*)$/.exec(text);
  if (bracketed !== null) {
    if (isIP(bracketed[1]) !== 6) throw new ListenAddressError(`bad listen address '${input}': '${bracketed[1]}' is not an IPv6 address`);
    return { host: bracketed[1], port: port(bracketed[2], input) };
  }
  const colon = text.lastIndexOf(':');
  if (colon <= 0) throw new ListenAddressError(`bad listen address '${input}': expected host:port, [ipv6]:port or a port, e.g. 127.0.0.1:9464`);
  const host = text.slice(0, colon);
  if (host.includes(':')) throw new ListenAddressError(`bad listen address '${input}': write an IPv6 address in brackets, e.g. [::1]:9464`);
  if (isIP(host) === 0 && !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(host)) {
    throw new ListenAddressError(`bad listen address '${input}': '${host}' is neither an IP address nor a host name`);
  }
  return { host, port: port(text.slice(colon + 1), input) };
}

/** `host:port` as a URL authority (IPv6 in brackets). */
export function formatAuthority({ host, port }: ListenAddress): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}
