import { isSector, kindsOf, type Sector } from '@sanbao/domain';
import { useState } from 'preact/hooks';
import { Field } from '../../components';
import { label } from '../../i18n';
import {
  ActFormFrame,
  fieldLabel,
  optionsOf,
  Radio,
  TextField,
  type ActForm,
  type FormProps,
} from './kit';

/**
 * Routing (退回/转办): the unit an issue reached sends it back with its reason; the level above
 * names the right village (the township follows from its code) or, for a plan a bureau sent
 * back, the right sector and its kind.
 */

function SendBackForm({ send, busy }: FormProps) {
  const [reason, setReason] = useState('');
  const act = 'sendBack';
  return (
    <ActFormFrame act={act} busy={busy} onSubmit={() => send(act, { reason })}>
      <TextField act={act} name="reason" value={reason} onInput={setReason} />
    </ActFormFrame>
  );
}

function RerouteForm({ issue, send, busy }: FormProps) {
  const act = 'reroute';
  // At the plan a county leader moves it to another sector; below, to another village.
  const bySector = issue.stage === 'solution_plan';
  const sectors = optionsOf<Sector>(act, 'sector').filter(([s]) => s !== issue.sector);
  const [sector, setSector] = useState<Sector>(sectors[0]?.[0] ?? 'education');
  const [kind, setKind] = useState('');
  const [villageCode, setVillage] = useState('');
  const [reason, setReason] = useState('');
  const kinds = isSector(sector) ? kindsOf(sector) : [];
  return (
    <ActFormFrame
      act={act}
      busy={busy}
      onSubmit={() =>
        send(
          act,
          bySector
            ? { reason, sector, kind: kind || kinds[0] }
            : { reason, villageCode: villageCode.trim() },
        )
      }
    >
      {bySector ? (
        <>
          <Field label={fieldLabel(act, 'sector')}>
            <Radio name="sector" value={sector} onChange={setSector} options={sectors} />
          </Field>
          <Field label={fieldLabel(act, 'kind')}>
            <select
              name="kind"
              value={kind || kinds[0]}
              onChange={(e) => setKind(e.currentTarget.value)}
            >
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {label('kind', k)}
                </option>
              ))}
            </select>
          </Field>
        </>
      ) : (
        <Field label={fieldLabel(act, 'villageCode')}>
          <input
            name="villageCode"
            required
            inputMode="numeric"
            pattern="\d{12}"
            maxLength={12}
            value={villageCode}
            onInput={(e) => setVillage(e.currentTarget.value)}
          />
        </Field>
      )}
      <TextField act={act} name="reason" value={reason} onInput={setReason} />
    </ActFormFrame>
  );
}

export const ROUTING_FORMS = {
  sendBack: { Form: SendBackForm },
  reroute: { Form: RerouteForm },
} satisfies Record<string, ActForm>;
