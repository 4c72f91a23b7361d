import { ACTS, type ActBody, type ActField, type ActName } from '@sanbao/domain';
import type { ComponentChildren, JSX } from 'preact';
import type { Issue } from '../../api';
import { Field, SubmitButton } from '../../components';
import { named } from '../../i18n';

/**
 * What every act form is made of. Names, hints, field labels, options and length limits come
 * from the act catalogue (libs/domain/src/issue/acts/catalogue.ts), so the form says what the
 * API and the workflow check.
 */

/** Sends one act with its body, typed by the act (the route and the request id are added). */
export type SendAct = <K extends ActName>(act: K, body: ActBody<K>) => Promise<void>;

export interface FormProps {
  issue: Issue;
  send: SendAct;
  busy: boolean;
}

/** An act's form, with the condition under which it is offered (default: always). */
export interface ActForm {
  Form: (props: FormProps) => JSX.Element;
  offered?: (issue: Issue) => boolean;
}

export const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** The catalogue's description of one field of an act. */
export function actField(act: ActName, field: string): ActField | undefined {
  return (ACTS[act].fields as Record<string, ActField | undefined>)[field];
}

export function fieldLabel(act: ActName, field: string): string {
  const spec = actField(act, field);
  return spec ? named(spec.label) : field;
}

/** A choice field's options in the reader's language, in the catalogue's order. */
export function optionsOf<T extends string>(act: ActName, field: string): Array<[T, string]> {
  const options = actField(act, field)?.options ?? {};
  return Object.entries(options).map(([value, names]) => [value as T, named(names)]);
}

export function Radio<T extends string>({
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

/** The form of one act: its name as the heading, the county's rule as a hint, a submit button. */
export function ActFormFrame({
  act,
  busy,
  onSubmit,
  children,
}: {
  act: ActName;
  busy: boolean;
  onSubmit: () => Promise<void>;
  children: ComponentChildren;
}) {
  const spec = ACTS[act];
  return (
    <form
      class="act-form"
      data-act={act}
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h2>{named(spec.names)}</h2>
      {spec.hint && <p class="muted small">{named(spec.hint)}</p>}
      {children}
      <SubmitButton busy={busy} />
    </form>
  );
}

/** A free-text field of an act, labelled and limited as the catalogue says. */
export function TextField({
  act,
  name,
  value,
  onInput,
  rows = 3,
  required = true,
  multiline = true,
}: {
  act: ActName;
  name: string;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  required?: boolean;
  multiline?: boolean;
}) {
  const limit = actField(act, name)?.maxLength;
  return (
    <Field label={fieldLabel(act, name)}>
      {multiline ? (
        <textarea
          name={name}
          required={required}
          rows={rows}
          maxLength={limit}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      ) : (
        <input
          name={name}
          required={required}
          maxLength={limit}
          value={value}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** A date-time field of an act (the browser's local time, sent with its offset). */
export function DateField({
  act,
  name,
  value,
  onInput,
}: {
  act: ActName;
  name: string;
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <Field label={fieldLabel(act, name)}>
      <input
        type="datetime-local"
        name={name}
        required
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </Field>
  );
}
