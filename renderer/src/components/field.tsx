// A form field as the forms write it: its label above its control (a <label> around both, so a click
// on the words focuses the control), then an optional note (what is derived when left empty).
import type { HTMLAttributes, ReactNode } from 'react';

export function Field({
  label,
  className,
  note,
  children,
}: {
  label: string;
  /** Added to "field" (e.g. a wide field spanning the form's columns). */
  className?: string;
  note?: ReactNode;
  children: ReactNode;
}) {
  return (
    <label className={className ? `field ${className}` : 'field'}>
      <span>{label}</span>
      {children}
      {note}
    </label>
  );
}

/** A labelled one-line text input (type "date" or "text"). */
export function TextField({
  label,
  value,
  onChange,
  testId,
  placeholder,
  type,
  inputMode,
  className,
  note,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  placeholder?: string;
  type?: 'text' | 'date';
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  className?: string;
  note?: ReactNode;
}) {
  return (
    <Field label={label} className={className} note={note}>
      <input
        className="input"
        type={type}
        inputMode={inputMode}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </Field>
  );
}
