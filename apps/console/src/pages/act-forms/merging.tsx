import { useState } from 'preact/hooks';
import { ActFormFrame, TextField, type ActForm, type FormProps } from './kit';

/**
 * Merging a duplicate into the issue it duplicates (a township or bureau officer, at any open
 * stage): the ledger number of the issue kept and the reason. The API names that issue from
 * the ledger; the check refuses one outside the officer's scope, of another sector, closed, or
 * this issue itself, and the form shows its message.
 */
function MergeForm({ send, busy }: FormProps) {
  const [into, setInto] = useState('');
  const [reason, setReason] = useState('');
  const act = 'merge';
  return (
    <ActFormFrame act={act} busy={busy} onSubmit={() => send(act, { into: into.trim(), reason })}>
      <TextField act={act} name="into" multiline={false} value={into} onInput={setInto} />
      <TextField act={act} name="reason" value={reason} onInput={setReason} />
    </ActFormFrame>
  );
}

export const MERGING_FORMS = {
  merge: { Form: MergeForm },
} satisfies Record<string, ActForm>;
