import { useState } from 'preact/hooks';
import type { Issue } from '../api';
import { Field, SubmitButton } from '../components';
import { fromLocalInput, toLocalInput } from '../format';
import { t } from '../i18n';

/** Sends one act: the route below /issues/:id/ and its body (the request id is added). */
export type SendAct = (act: string, path: string, body: Record<string, unknown>) => Promise<void>;

interface FormProps {
  issue: Issue;
  send: SendAct;
  busy: boolean;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

function Radio<T extends string>({
  name,
  value,
  options,
  onChange,
}: {
  name: string;
  value: T;
  options: Array<[T, string]>;
  onChange: (value: T) => void;
}) {
  return (
    <div class="radios" role="radiogroup">
      {options.map(([option, text]) => (
        <label key={option} class="radio">
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
          />
          {text}
        </label>
      ))}
    </div>
  );
}

function submitter(handler: () => Promise<void>) {
  return (event: Event) => {
    event.preventDefault();
    void handler();
  };
}

export function VerificationForm({ send, busy }: FormProps) {
  const [confirmed, setConfirmed] = useState<'yes' | 'no'>('yes');
  const [findings, setFindings] = useState('');
  const [visitedAt, setVisitedAt] = useState(toLocalInput(new Date()));
  return (
    <form
      class="act-form"
      data-act="verification"
      onSubmit={submitter(() =>
        send('verification', 'verification', {
          confirmed: confirmed === 'yes',
          findings,
          visitedAt: fromLocalInput(visitedAt),
        }),
      )}
    >
      <h2>{t('act.verification')}</h2>
      <p class="muted small">{t('act.verification.hint')}</p>
      <Field label={t('act.verification.confirmed')}>
        <Radio
          name="confirmed"
          value={confirmed}
          onChange={setConfirmed}
          options={[
            ['yes', t('act.verification.yes')],
            ['no', t('act.verification.no')],
          ]}
        />
      </Field>
      <Field label={t('act.verification.findings')}>
        <textarea
          name="findings"
          required
          rows={4}
          value={findings}
          onInput={(e) => setFindings(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('act.verification.visitedAt')}>
        <input
          type="datetime-local"
          name="visitedAt"
          required
          value={visitedAt}
          onInput={(e) => setVisitedAt(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function TownshipDecisionForm({ send, busy }: FormProps) {
  const [decision, setDecision] = useState<'forward' | 'persuade' | 'unfounded'>('forward');
  const [explanation, setExplanation] = useState('');
  return (
    <form
      class="act-form"
      data-act="townshipDecision"
      onSubmit={submitter(() =>
        send('townshipDecision', 'township-decision', { decision, explanation }),
      )}
    >
      <h2>{t('act.townshipDecision')}</h2>
      <p class="muted small">{t('act.townshipDecision.hint')}</p>
      <Field label={t('act.townshipDecision.decision')}>
        <Radio
          name="decision"
          value={decision}
          onChange={setDecision}
          options={[
            ['forward', t('act.townshipDecision.forward')],
            ['persuade', t('act.townshipDecision.persuade')],
            ['unfounded', t('act.townshipDecision.unfounded')],
          ]}
        />
      </Field>
      <Field label={t('act.townshipDecision.explanation')}>
        <textarea
          name="explanation"
          required
          rows={4}
          value={explanation}
          onInput={(e) => setExplanation(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function SolutionPlanForm({ send, busy }: FormProps) {
  const [responsiblePerson, setPerson] = useState('');
  const [responsibleUnit, setUnit] = useState('');
  const [measures, setMeasures] = useState('');
  const [severity, setSeverity] = useState<'general' | 'major'>('general');
  const [completionDate, setCompletionDate] = useState(
    toLocalInput(new Date(Date.now() + 7 * 24 * 3600 * 1000)),
  );
  return (
    <form
      class="act-form"
      data-act="solutionPlan"
      onSubmit={submitter(() =>
        send('solutionPlan', 'solution-plan', {
          responsiblePerson,
          responsibleUnit,
          measures: lines(measures),
          completionDate: fromLocalInput(completionDate),
          severity,
        }),
      )}
    >
      <h2>{t('act.solutionPlan')}</h2>
      <p class="muted small">{t('act.solutionPlan.hint')}</p>
      <div class="grid2">
        <Field label={t('act.solutionPlan.responsibleUnit')}>
          <input
            name="responsibleUnit"
            required
            value={responsibleUnit}
            onInput={(e) => setUnit(e.currentTarget.value)}
          />
        </Field>
        <Field label={t('act.solutionPlan.responsiblePerson')}>
          <input
            name="responsiblePerson"
            required
            value={responsiblePerson}
            onInput={(e) => setPerson(e.currentTarget.value)}
          />
        </Field>
      </div>
      <Field label={t('act.solutionPlan.measures')}>
        <textarea
          name="measures"
          required
          rows={4}
          value={measures}
          onInput={(e) => setMeasures(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('act.solutionPlan.severity')}>
        <Radio
          name="severity"
          value={severity}
          onChange={setSeverity}
          options={[
            ['general', t('act.solutionPlan.general')],
            ['major', t('act.solutionPlan.major')],
          ]}
        />
      </Field>
      <Field label={t('act.solutionPlan.completionDate')}>
        <input
          type="datetime-local"
          name="completionDate"
          required
          value={completionDate}
          onInput={(e) => setCompletionDate(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function ProgressNoteForm({ send, busy }: FormProps) {
  const [note, setNote] = useState('');
  return (
    <form
      class="act-form"
      data-act="progressNote"
      onSubmit={submitter(async () => {
        await send('progressNote', 'progress-notes', { note });
        setNote('');
      })}
    >
      <h2>{t('act.progressNote')}</h2>
      <Field label={t('act.progressNote.note')}>
        <textarea
          name="note"
          required
          rows={3}
          value={note}
          onInput={(e) => setNote(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function CompletionForm({ send, busy }: FormProps) {
  const [outcome, setOutcome] = useState('');
  const [evidenceRefs, setEvidence] = useState('');
  return (
    <form
      class="act-form"
      data-act="completion"
      onSubmit={submitter(() =>
        send('completion', 'completion', { outcome, evidenceRefs: lines(evidenceRefs) }),
      )}
    >
      <h2>{t('act.completion')}</h2>
      <Field label={t('act.completion.outcome')}>
        <textarea
          name="outcome"
          required
          rows={3}
          value={outcome}
          onInput={(e) => setOutcome(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('act.completion.evidenceRefs')}>
        <textarea
          name="evidenceRefs"
          required
          rows={2}
          value={evidenceRefs}
          onInput={(e) => setEvidence(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function ExtensionRequestForm({ issue, send, busy }: FormProps) {
  const base = issue.currentDueAt ? Date.parse(issue.currentDueAt) : Date.now();
  const [newDeadline, setNewDeadline] = useState(
    toLocalInput(new Date(Math.max(base, Date.now()) + 30 * 24 * 3600 * 1000)),
  );
  const [reason, setReason] = useState('');
  const [milestones, setMilestones] = useState([{ description: '', dueDate: '' }]);
  const change = (i: number, field: 'description' | 'dueDate', value: string) =>
    setMilestones(milestones.map((m, j) => (j === i ? { ...m, [field]: value } : m)));
  return (
    <form
      class="act-form"
      data-act="extensionRequest"
      onSubmit={submitter(() =>
        send('extensionRequest', 'extension-request', {
          newDeadline: fromLocalInput(newDeadline),
          reason,
          milestones: milestones.map((m) => ({
            description: m.description,
            dueDate: fromLocalInput(m.dueDate),
          })),
        }),
      )}
    >
      <h2>{t('act.extensionRequest')}</h2>
      <p class="muted small">{t('act.extensionRequest.hint')}</p>
      <Field label={t('act.extensionRequest.newDeadline')}>
        <input
          type="datetime-local"
          name="newDeadline"
          required
          value={newDeadline}
          onInput={(e) => setNewDeadline(e.currentTarget.value)}
        />
      </Field>
      <Field label={t('act.extensionRequest.reason')}>
        <textarea
          name="reason"
          required
          rows={3}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <fieldset class="milestones">
        <legend>{t('act.extensionRequest.milestones')}</legend>
        {milestones.map((m, i) => (
          <div class="grid2 milestone" key={i}>
            <Field label={t('act.extensionRequest.milestone')}>
              <input
                name={`milestone-${i}`}
                required
                value={m.description}
                onInput={(e) => change(i, 'description', e.currentTarget.value)}
              />
            </Field>
            <Field label={t('act.extensionRequest.milestoneDue')}>
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
                {t('act.extensionRequest.remove')}
              </button>
            )}
          </div>
        ))}
        <button
          type="button"
          class="secondary"
          onClick={() => setMilestones([...milestones, { description: '', dueDate: '' }])}
        >
          {t('act.extensionRequest.add')}
        </button>
      </fieldset>
      <SubmitButton busy={busy} />
    </form>
  );
}

export function WriteOffCheckForm({ send, busy }: FormProps) {
  const [result, setResult] = useState<'resolved' | 'not_resolved'>('resolved');
  const [reason, setReason] = useState('');
  return (
    <form
      class="act-form"
      data-act="writeOffCheck"
      onSubmit={submitter(() =>
        send('writeOffCheck', 'write-off-check', {
          result,
          ...(reason.trim() ? { reason } : {}),
        }),
      )}
    >
      <h2>{t('act.writeOffCheck')}</h2>
      <p class="muted small">{t('act.writeOffCheck.hint')}</p>
      <Field label={t('act.writeOffCheck.result')}>
        <Radio
          name="result"
          value={result}
          onChange={setResult}
          options={[
            ['resolved', t('act.writeOffCheck.resolved')],
            ['not_resolved', t('act.writeOffCheck.notResolved')],
          ]}
        />
      </Field>
      <Field label={t('act.writeOffCheck.reason')}>
        <textarea
          name="reason"
          rows={3}
          required={result === 'not_resolved'}
          value={reason}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </Field>
      <SubmitButton busy={busy} />
    </form>
  );
}
