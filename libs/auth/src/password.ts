import * as bcrypt from 'bcryptjs';

/** bcrypt cost: 2^10 rounds, about 100 ms here; raise it when machines get faster. */
const COST = 10;

/** Longest password accepted: bcrypt reads only the first 72 bytes. */
export const MAX_PASSWORD_BYTES = 72;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** Compared against when the username is unknown, so a wrong name costs as long as a wrong password. */
export const DUMMY_HASH = bcrypt.hashSync('sanbao-no-such-user', COST);

/** What is wrong with a new password, or nothing. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (Buffer.byteLength(password, 'utf8') > MAX_PASSWORD_BYTES) {
    problems.push(`must be at most ${MAX_PASSWORD_BYTES} bytes`);
  }
  return problems;
}
