// The idea form's draft in localStorage, so nothing typed is lost to a refused request, a closed tab
// or a dead battery. The contact and the photo stay out of it: a shared computer should not keep them.

/** What the resident has typed. */
export interface IdeaValues {
  campaignId: number;
  title: string;
  summary: string;
  body: string;
  theme: string;
  district: string;
  displayName: string;
  anonymous: boolean;
  contact: string;
  consent: boolean;
}

/** An empty form. */
export const EMPTY_VALUES: IdeaValues = {
  campaignId: 0,
  title: '',
  summary: '',
  body: '',
  theme: '',
  district: '',
  displayName: '',
  anonymous: false,
  contact: '',
  consent: false,
};

const KEY = 'yzready:idea-draft';

/** The saved draft, or null. */
export function loadDraft(): Partial<IdeaValues> | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Partial<IdeaValues>) : null;
  } catch {
    return null;
  }
}

/** Saves the draft (without the contact). */
export function saveDraft(v: IdeaValues): void {
  try {
    const kept: Partial<IdeaValues> = { ...v };
    delete kept.contact;
    delete kept.consent;
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or blocked: the form itself still holds everything.
  }
}

/** Forgets the draft once the idea is in. */
export function clearDraft(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
