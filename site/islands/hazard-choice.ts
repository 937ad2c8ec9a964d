/** The hazard the resident is looking for shelter from: kept in `?hazard=` and shared by the shelter islands. */
import {
  DEFAULT_SHELTER_HAZARD,
  SHELTER_HAZARDS,
  SHELTER_HAZARD_NAMES,
  hazardFromSlug,
  type ShelterHazard,
} from '#api/domain/shelter-hazards.ts';

/** Fired on window when the choice changes; `detail` is the hazard name. */
const HAZARD_EVENT = 'yzready:hazard';

/** The choices, for a `<select>`. */
export const HAZARD_OPTIONS = SHELTER_HAZARD_NAMES.map((h) => ({ value: h, label: SHELTER_HAZARDS[h].label }));

/** The hazard in the address bar, or 地震 when none (or an unknown one) is given. */
export function readHazard(): ShelterHazard {
  return hazardFromSlug(new URLSearchParams(location.search).get('hazard')) ?? DEFAULT_SHELTER_HAZARD;
}

/** Puts the choice in the address bar (so it can be shared) and tells the other islands. */
export function chooseHazard(h: ShelterHazard): void {
  const url = new URL(location.href);
  if (h === DEFAULT_SHELTER_HAZARD) url.searchParams.delete('hazard');
  else url.searchParams.set('hazard', SHELTER_HAZARDS[h].slug);
  history.replaceState(history.state, '', url);
  window.dispatchEvent(new CustomEvent<ShelterHazard>(HAZARD_EVENT, { detail: h }));
}

/** Calls `fn` whenever another island changes the choice; returns the unsubscribe function. */
export function onHazard(fn: (h: ShelterHazard) => void): () => void {
  const listener = (e: Event) => fn((e as CustomEvent<ShelterHazard>).detail);
  window.addEventListener(HAZARD_EVENT, listener);
  return () => window.removeEventListener(HAZARD_EVENT, listener);
}
