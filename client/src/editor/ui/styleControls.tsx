import { useEffect, useId, useRef, useState, type CSSProperties, type ReactNode } from 'react';

/**
 * The style panel's rows. Each row commits one change per user decision (a click, or releasing
 * a slider or colour picker), so each is one undo step, never one per pixel of a drag.
 */

interface Choice<T> {
  value: T;
  name: string;
  content?: ReactNode;
}

/** Calls `onCommit` on the native `change` event: fired when a slider or picker is released. */
function useCommitOnChange(onCommit: (value: string) => void) {
  const ref = useRef<HTMLInputElement>(null);
  const latest = useRef(onCommit);
  latest.current = onCommit;
  useEffect(() => {
    const input = ref.current;
    if (!input) return;
    const commit = () => latest.current(input.value);
    input.addEventListener('change', commit);
    return () => input.removeEventListener('change', commit);
  }, []);
  return ref;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className="ed-row" role="group" aria-labelledby={id}>
      <span className="ed-row-label" id={id}>
        {label}
      </span>
      <div className="ed-row-controls">{children}</div>
    </div>
  );
}

interface ChoiceButtonProps {
  className: string;
  style?: CSSProperties | undefined;
  name: string;
  tooltip: string;
  pressed: boolean;
  onClick(): void;
  children?: ReactNode;
}

/** One of a row's choices: pressed when it is the selection's value; clicking keeps the canvas focused. */
function ChoiceButton({ name, tooltip, pressed, ...rest }: ChoiceButtonProps) {
  return (
    <button
      type="button"
      aria-label={name}
      data-tooltip={tooltip}
      data-tooltip-side="above"
      aria-pressed={pressed}
      onMouseDown={(event) => event.preventDefault()}
      {...rest}
    />
  );
}

const isSixDigitHex = (colour: string) => /^#[\da-f]{6}$/i.test(colour);

export function ColourRow(props: {
  label: string;
  choices: Choice<string>[];
  value: string;
  onPick: (colour: string) => void;
}) {
  const { label, choices, value, onPick } = props;
  const custom = useCommitOnChange(onPick);
  const isCustom = !choices.some((choice) => choice.value.toLowerCase() === value.toLowerCase());
  const hex = isSixDigitHex(value) ? value : '#000000';
  // Uncontrolled, so the picker is never reset while open; it follows the selection from here.
  useEffect(() => {
    if (custom.current) custom.current.value = hex;
  }, [custom, hex]);
  return (
    <Row label={label}>
      {choices.map((choice) => (
        <ChoiceButton
          key={choice.value}
          className={`ed-swatch${choice.value === 'none' ? ' ed-swatch-none' : ''}`}
          style={choice.value === 'none' ? undefined : { background: choice.value }}
          name={`${label}: ${choice.name}`}
          tooltip={choice.name}
          pressed={choice.value.toLowerCase() === value.toLowerCase()}
          onClick={() => onPick(choice.value)}
        />
      ))}
      <input
        ref={custom}
        type="color"
        className="ed-colour-input"
        aria-label={`${label}: custom colour`}
        data-custom={isCustom}
        defaultValue={hex}
      />
    </Row>
  );
}

export function ChoiceRow<T extends number>(props: {
  label: string;
  choices: Choice<T>[];
  value: T;
  onPick: (value: T) => void;
}) {
  const { label, choices, value, onPick } = props;
  return (
    <Row label={label}>
      {choices.map((choice) => (
        <ChoiceButton
          key={choice.value}
          className="ed-choice"
          name={`${label}: ${choice.name}`}
          tooltip={choice.name}
          pressed={choice.value === value}
          onClick={() => onPick(choice.value)}
        >
          {choice.content}
        </ChoiceButton>
      ))}
    </Row>
  );
}

export function OpacityRow({ value, onCommit }: { value: number; onCommit: (opacity: number) => void }) {
  const percent = Math.round(value * 100);
  const [shown, setShown] = useState(percent);
  useEffect(() => setShown(percent), [percent]);
  const ref = useCommitOnChange((raw) => onCommit(Number(raw) / 100));
  return (
    <Row label="Opacity">
      <input
        ref={ref}
        type="range"
        min={0}
        max={100}
        step={5}
        value={shown}
        aria-label="Opacity"
        aria-valuetext={`${shown}%`}
        onChange={(event) => setShown(Number(event.target.value))}
      />
      <output className="ed-opacity-value">{shown}%</output>
    </Row>
  );
}
