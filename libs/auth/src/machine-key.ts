import { createHash, randomBytes } from 'crypto';
import type { Sector } from '@sanbao/domain';

/** The header a bureau system sends its key in (HTTP, and NATS message headers). */
export const MACHINE_KEY_HEADER = 'x-api-key';

const KEY_FORMAT = /^sbk_(education|medical|housing|water)_[A-Za-z0-9_-]{43}$/;

/**
 * A new key: 256 random bits, prefixed with the sector so that a key pasted into the wrong
 * system is recognisable at a glance. The key itself is shown once and never stored.
 */
export function generateMachineKey(sector: Sector): string {
  return `sbk_${sector}_${randomBytes(32).toString('base64url')}`;
}

/** What is stored: SHA-256 suffices for random high-entropy keys (no password to stretch). */
export function hashMachineKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export function looksLikeMachineKey(value: unknown): value is string {
  return typeof value === 'string' && KEY_FORMAT.test(value);
}

/** Who a valid key belongs to. */
export interface MachineIdentity {
  keyId: string;
  sector: Sector;
  label: string;
}
