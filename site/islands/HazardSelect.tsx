import type { ShelterHazard } from '#api/domain/shelter-hazards.ts';
import { HAZARD_OPTIONS, chooseHazard } from './hazard-choice.ts';

/** One choice of a `<select>`. */
export interface Choice {
  value: string;
  label: string;
}

/** A `<select>` over `choices`, with an optional first choice for "any" (value ''). */
export function ChoiceSelect({
  id,
  name,
  value,
  choices,
  any,
  onChange,
}: {
  id: string;
  name?: string;
  value: string;
  choices: readonly Choice[];
  /** Label of the first choice, meaning no filter. */
  any?: string;
  onChange: (value: string) => void;
}) {
  return (
    <select id={id} name={name} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
      {any !== undefined && <option value="">{any}</option>}
      {choices.map((c) => (
        <option key={c.value} value={c.value}>
          {c.label}
        </option>
      ))}
    </select>
  );
}

/** The hazard to shelter from: a new choice is shown here and shared with the page's other shelter islands. */
export function HazardSelect({
  id,
  name,
  value,
  choices = HAZARD_OPTIONS,
  onChange,
}: {
  id: string;
  name?: string;
  value: ShelterHazard;
  /** The hazards with their labels in the page's language (Chinese unless given). */
  choices?: readonly Choice[];
  onChange: (hazard: ShelterHazard) => void;
}) {
  return (
    <ChoiceSelect
      id={id}
      {...(name ? { name } : {})}
      value={value}
      choices={choices}
      onChange={(v) => {
        const h = v as ShelterHazard;
        onChange(h);
        chooseHazard(h);
      }}
    />
  );
}
