import { isSector, kindFamily, kindsOfFamily } from '@sanbao/domain';
import { useState } from 'preact/hooks';
import { Field } from '../../components';
import { fromLocalInput, toLocalInput } from '../../format';
import { label } from '../../i18n';
import {
  ActFormFrame,
  DateField,
  fieldLabel,
  lines,
  optionsOf,
  Radio,
  TextField,
  type ActForm,
  type FormProps,
} from './kit';

/** Triage: the village's verification, the township's decision, the bureau's plan. */

/** The kinds of the issue's family (libs/domain's kind catalogue): what a visit may correct to. */
function familyOf(issue: FormProps['issue']): string[] {
  if (!isSector(issue.sector)) return [];
  return kindsOfFamily(issue.sector, kindFamily(issue.sector, issue.kind));
}

function VerificationForm({ issue, send, busy }: FormProps) {
  const [confirmed, setConfirmed] = useState<'yes' | 'no'>('yes');
  const [findings, setFindings] = useState('');
  const [visitedAt, setVisitedAt] = useState(toLocalInput(new Date()));
  const [kind, setKind] = useState(issue.kind);
  const family = familyOf(issue);
  const act = 'verification';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() =>
        send(act, {
          confirmed: confirmed === 'yes',
          findings,
          visitedAt: fromLocalInput(visitedAt),
          // only a correction is sent: the same kind is no change
          ...(kind !== issue.kind ? { kind } : {}),
        })
      }
    >
      <Field label={fieldLabel(act, 'confirmed')}>
        <Radio
          name="confirmed"
          value={confirmed}
          onChange={setConfirmed}
          options={optionsOf<'yes' | 'no'>(act, 'confirmed')}
        />
      </Field>
      <TextField act={act} name="findings" rows={4} value={findings} onInput={setFindings} />
      <DateField act={act} name="visitedAt" value={visitedAt} onInput={setVisitedAt} />
      {family.length > 1 && (
        <Field label={fieldLabel(act, 'kind')}>
          <select name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
            {family.map((k) => (
              <option key={k} value={k}>
                {label('kind', k)}
              </option>
            ))}
          </select>
        </Field>
      )}
    </ActFormFrame>
  );
}

function TownshipDecisionForm({ send, busy }: FormProps) {
  type Decision = 'forward' | 'persuade' | 'unfounded';
  const [decision, setDecision] = useState<Decision>('forward');
  const [explanation, setExplanation] = useState('');
  const act = 'townshipDecision';
  return (
    <ActFormFrame act={act} busy={busy} onSubmit={() => send(act, { decision, explanation })}>
      <Field label={fieldLabel(act, 'decision')}>
        <Radio
          name="decision"
          value={decision}
          onChange={setDecision}
          options={optionsOf<Decision>(act, 'decision')}
        />
      </Field>
      <TextField
        act={act}
        name="explanation"
        rows={4}
        value={explanation}
        onInput={setExplanation}
      />
    </ActFormFrame>
  );
}

function SolutionPlanForm({ send, busy }: FormProps) {
  const [responsiblePerson, setPerson] = useState('');
  const [responsibleUnit, setUnit] = useState('');
  const [measures, setMeasures] = useState('');
  const [severity, setSeverity] = useState<'general' | 'major'>('general');
  const [completionDate, setCompletionDate] = useState(
    toLocalInput(new Date(Date.now() + 7 * 24 * 3600 * 1000)),
  );
  const act = 'solutionPlan';
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() =>
        send(act, {
          responsiblePerson,
          responsibleUnit,
          measures: lines(measures),
          completionDate: fromLocalInput(completionDate),
          severity,
        })
      }
    >
      <div class="grid2">
        <TextField
          act={act}
          name="responsibleUnit"
          multiline={false}
          value={responsibleUnit}
          onInput={setUnit}
        />
        <TextField
          act={act}
          name="responsiblePerson"
          multiline={false}
          value={responsiblePerson}
          onInput={setPerson}
        />
      </div>
      <TextField act={act} name="measures" rows={4} value={measures} onInput={setMeasures} />
      <Field label={fieldLabel(act, 'severity')}>
        <Radio
          name="severity"
          value={severity}
          onChange={setSeverity}
          options={optionsOf<'general' | 'major'>(act, 'severity')}
        />
      </Field>
      <DateField
        act={act}
        name="completionDate"
        value={completionDate}
        onInput={setCompletionDate}
      />
    </ActFormFrame>
  );
}

export const TRIAGE_FORMS = {
  verification: { Form: VerificationForm },
  townshipDecision: { Form: TownshipDecisionForm },
  solutionPlan: { Form: SolutionPlanForm },
} satisfies Record<string, ActForm>;
