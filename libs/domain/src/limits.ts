/**
 * Limits shared by every edge that checks an act or a record: the API's DTOs, the bureaus'
 * contracts and the workflow's Update validators read them from here, so a text the API
 * accepts is never refused by the workflow (or the other way round).
 */

/** Longest free text an act may carry: a page of findings, not a file (files are evidence). */
export const MAX_TEXT = 4000;

/** A few minutes of clock difference between a phone and the server are not a "future" time. */
export const CLOCK_SKEW_MS = 5 * 60_000;
