import definitions from './search-attributes.json';

/**
 * Custom search attributes registered on the Temporal server (the local stack reads the same
 * JSON file). They hold no personal data: codes, stages and times only.
 */
export const SEARCH_ATTRIBUTES = definitions as Record<keyof typeof definitions, string>;
export type SearchAttributeName = keyof typeof definitions;
