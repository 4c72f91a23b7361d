import { useState } from 'preact/hooks';
import { Field } from '../../components';
import {
  ActFormFrame,
  fieldLabel,
  lines,
  optionsOf,
  Radio,
  TextField,
  type ActForm,
  type FormProps,
} from './kit';

/** Resolution: the bureau's progress notes and completion, the township's write-off check. */

function ProgressNoteForm({ send, busy }: FormProps) {
  const [note, setNote] = useState('');
  const act = 'progressNote';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={async () => {
        await send(act, { note });
        setNote('');
      }}
    >
      <TextField act={act} name="note" value={note} onInput={setNote} />
    </ActFormFrame>
  );
}

function CompletionForm({ send, busy }: FormProps) {
  const [outcome, setOutcome] = useState('');
  const [evidenceRefs, setEvidence] = useState('');
  const act = 'completion';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() => send(act, { outcome, evidenceRefs: lines(evidenceRefs) })}
    >
      <TextField act={act} name="outcome" value={outcome} onInput={setOutcome} />
      <TextField
        act={act}
        name="evidenceRefs"
        rows={2}
        value={evidenceRefs}
        onInput={setEvidence}
      />
    </ActFormFrame>
  );
}

function WriteOffCheckForm({ send, busy }: FormProps) {
  type Result = 'resolved' | 'not_resolved';
  const [result, setResult] = useState<Result>('resolved');
  const [reason, setReason] = useState('');
  const act = 'writeOffCheck';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() => send(act, { result, ...(reason.trim() ? { reason } : {}) })}
    >
      <Field label={fieldLabel(act, 'result')}>
        <Radio
          name="result"
          value={result}
          onChange={setResult}
          options={optionsOf<Result>(act, 'result')}
        />
      </Field>
      <TextField
        act={act}
        name="reason"
        required={result === 'not_resolved'}
        value={reason}
        onInput={setReason}
      />
    </ActFormFrame>
  );
}

export const RESOLUTION_FORMS = {
  progressNote: { Form: ProgressNoteForm },
  completion: { Form: CompletionForm },
  writeOffCheck: { Form: WriteOffCheckForm },
} satisfies Record<string, ActForm>;
