import { IssueLedger1767225600000 } from './1767225600000-issue-ledger';

/** Migrations in the order they run. Add new ones at the end; never edit one that has shipped. */
export const MIGRATIONS: Function[] = [IssueLedger1767225600000];
