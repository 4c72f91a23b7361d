import type { ActName } from '@sanbao/domain';
import { EXTENSION_FORMS } from './extension';
import type { ActForm } from './kit';
import { MERGING_FORMS } from './merging';
import { RESOLUTION_FORMS } from './resolution';
import { ROUTING_FORMS } from './routing';
import { TRIAGE_FORMS } from './triage';

export type { ActForm, FormProps, SendAct } from './kit';

/**
 * The form of each act a person does on the issue page (a leader's vote is on the approvals
 * page). A new act gets its form in the room it belongs to.
 */
export const ACT_FORMS: { readonly [K in ActName]?: ActForm } = {
  ...TRIAGE_FORMS,
  ...RESOLUTION_FORMS,
  ...EXTENSION_FORMS,
  ...MERGING_FORMS,
  ...ROUTING_FORMS,
};
