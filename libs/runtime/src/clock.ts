/** What "now" is for the checks that depend on the date; tests put the app in November. */
export const CLOCK = Symbol('CLOCK');
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
