import { useState } from 'preact/hooks';
import { Field } from '../../components';
import { fromLocalInput, toLocalInput } from '../../format';
import { t } from '../../i18n';
import {
  ActFormFrame,
  DateField,
  fieldLabel,
  TextField,
  type ActForm,
  type FormProps,
} from './kit';

/** Extension: a major issue's bureau asks the county leaders for time, with milestones. */

function ExtensionRequestForm({ issue, send, busy }: FormProps) {
  const base = issue.currentDueAt ? Date.parse(issue.currentDueAt) : Date.now();
  const [newDeadline, setNewDeadline] = useState(
    toLocalInput(new Date(Math.max(base, Date.now()) + 30 * 24 * 3600 * 1000)),
  );
  const [reason, setReason] = useState('');
  const [milestones, setMilestones] = useState([{ description: '', dueDate: '' }]);
  const change = (i: number, field: 'description' | 'dueDate', value: string) =>
    setMilestones(milestones.map((m, j) => (j === i ? { ...m, [field]: value } : m)));
  const act = 'extensionRequest';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() =>
        send(act, {
          newDeadline: fromLocalInput(newDeadline),
          reason,
          milestones: milestones.map((m) => ({
            description: m.description,
            dueDate: fromLocalInput(m.dueDate),
          })),
        })
      }
    >
      <DateField act={act} name="newDeadline" value={newDeadline} onInput={setNewDeadline} />
      <TextField act={act} name="reason" value={reason} onInput={setReason} />
      <fieldset class="milestones">
        <legend>{fieldLabel(act, 'milestones')}</legend>
        {milestones.map((m, i) => (
          <div class="grid2 milestone" key={i}>
            <Field label={t('form.milestone')}>
              <input
                name={`milestone-${i}`}
                required
                value={m.description}
                onInput={(e) => change(i, 'description', e.currentTarget.value)}
              />
            </Field>
            <Field label={t('form.milestoneDue')}>
              <input
                type="datetime-local"
                name={`milestone-due-${i}`}
                required
                value={m.dueDate}
                onInput={(e) => change(i, 'dueDate', e.currentTarget.value)}
              />
            </Field>
            {milestones.length > 1 && (
              <button
                type="button"
                class="link"
                onClick={() => setMilestones(milestones.filter((_, j) => j !== i))}
              >
                {t('form.removeMilestone')}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() => setMilestones([...milestones, { description: '', dueDate: '' }])}
        >
          {t('form.addMilestone')}
        </button>
      </fieldset>
    </ActFormFrame>
  );
}

export const EXTENSION_FORMS = {
  extensionRequest: {
    Form: ExtensionRequestForm,
    // Only a major issue may be extended, and one request at a time.
    offered: (issue) => issue.severity === 'major' && issue.extensionStatus !== 'voting',
  },
} satisfies Record<string, ActForm>;
