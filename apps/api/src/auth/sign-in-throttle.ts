import type { ThrottlerOptions } from '@nestjs/throttler';

/** How many times the per-person limit one address may try in all: a township office's staff. */
export const ADDRESS_FACTOR = 10;

const WINDOW_MS = 60_000;

interface SignInRequest {
  ip?: string;
  body?: { username?: unknown };
}

/** The client's address as Express sees it (the proxy's, unless `trust proxy` is set). */
function clientAddress(req: SignInRequest): string {
  return req.ip ?? 'unknown';
}

/** The username as sign-in looks it up, so "WangFang " and "wangfang" share one count. */
function usernameOf(req: SignInRequest): string {
  const name = req.body?.username;
  return typeof name === 'string' ? name.trim().toLowerCase().slice(0, 64) : '';
}

/**
 * The sign-in limits: `limit` tries a minute per address and username, so a township office
 * behind one address does not lock out its own staff when one of them mistypes; and a ceiling
 * of `limit × ADDRESS_FACTOR` per address, so one machine cannot guess across many usernames.
 * The throttler hashes its keys: usernames are not kept in memory in the clear.
 */
export function signInThrottlers(limit: number): ThrottlerOptions[] {
  return [
    {
      name: 'sign-in',
      ttl: WINDOW_MS,
      limit,
      getTracker: (req) => `${clientAddress(req)}|${usernameOf(req)}`,
    },
    {
      name: 'sign-in-address',
      ttl: WINDOW_MS,
      limit: limit * ADDRESS_FACTOR,
      getTracker: (req) => clientAddress(req),
    },
  ];
}
