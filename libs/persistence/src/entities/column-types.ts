import type { ColumnOptions, ValueTransformer } from 'typeorm';

/** Every instant is stored with its time zone; the county's own zone is applied when shown. */
export const timestamp = { type: 'timestamp with time zone' } as const satisfies ColumnOptions;

/** numeric comes back from pg as a string; the ledger's figures are small enough for a number. */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
