import type { IssueSubject } from './issue/types';

/**
 * One rule for the identifiers of a subject (household number, person reference, village and
 * township codes), applied at every edge where one comes in: the validation vocabulary's
 * decorators, the sector rules and the API's hand report. Registers and spreadsheets write the
 * same household as `ACC-0042`, ` acc-0042 ` or `ＡＣＣ－００４２`; they must be one household,
 * or one child gets two issues. The normalised form is what is stored and shown.
 * docs/integration.md, "Identifiers".
 *
 * 1. Unicode NFKC: full-width digits, letters and punctuation become ASCII (`０４２` → `042`,
 *    `－` → `-`, the ideographic space → a space);
 * 2. surrounding white space is dropped;
 * 3. letters are upper case.
 * Pure and idempotent: normaliseId(normaliseId(x)) === normaliseId(x).
 */
export function normaliseId(value: string): string {
  return value.normalize('NFKC').trim().toUpperCase();
}

/** normaliseId for a value that may not be a string yet (a DTO field before validation). */
export function normaliseIdValue(value: unknown): unknown {
  return typeof value === 'string' ? normaliseId(value) : value;
}

/** The subject with every identifier in its normalised form. */
export function normaliseSubject<S extends Partial<IssueSubject>>(subject: S): S {
  const out = { ...subject };
  for (const field of ['id', 'personRef', 'villageCode', 'townshipCode'] as const) {
    const value = out[field];
    if (typeof value === 'string') Object.assign(out, { [field]: normaliseId(value) });
  }
  return out;
}
