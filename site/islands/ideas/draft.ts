import type { z } from 'zod';
import type { submissionSchema } from '#api/ideas/contract.ts';

// The idea form's draft in localStorage, so nothing typed is lost to a refused request, a closed tab
// or a dead battery. The contact and the photo stay out of it: a shared computer should not keep them.

/** The submission's fields a resident types (the rest is added when sending). */
type Typed = Pick<z.input<typeof submissionSchema>, 'title' | 'summary' | 'body' | 'theme' | 'displayName' | 'contact' | 'passphrase'>;

/** What the resident has typed: the API's submission fields, with nothing chosen yet allowed. */
export type IdeaValues = Required<Typed> & {
  campaignId: number;
  /** A district code, or '' before one is chosen. */
  district: string;
  /** 匿名 rather than 署名. */
  anonymous: boolean;
  consent: boolean;
};

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
  passphrase: '',
  consent: false,
};

/** A saved draft: the values typed so far and the form token from when the form was first shown. */
export type Draft = Partial<IdeaValues> & { formToken?: string };

const KEY = 'yzready:idea-draft';

/** The saved draft, or null. */
export function loadDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Draft) : null;
  } catch {
    return null;
  }
}

/**
 * Saves the draft (without the contact and passphrase) with the form token: the server's minimum
 * fill time then counts from when the form was first shown, not from when the draft was restored.
 */
export function saveDraft(v: IdeaValues, formToken: string): void {
  try {
    const kept: Draft = { ...v, ...(formToken ? { formToken } : {}) };
    delete kept.contact;
    delete kept.passphrase;
    delete kept.consent;
    localStorage.setItem(KEY, JSON.stringify(kept));
  } catch {
    // Storage full or blocked: the form itself still holds everything.
  }
}

/** Days a kept form token is reused: a little under the server's 7-day validity (api/ideas/tokens.ts). */
const TOKEN_DAYS = 6;

/** Whether a form token kept with a draft is still fresh enough to send (its first part is when it was issued). */
export function tokenUsable(token: string | undefined, now = Date.now()): token is string {
  const issued = Number(token?.split('.')[0]);
  return Number.isSafeInteger(issued) && now - issued < TOKEN_DAYS * 86_400_000;
}

/** Forgets the draft once the idea is in. */
export function clearDraft(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // Nothing to clear.
  }
}
