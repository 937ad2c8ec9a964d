import type { adminWarnings } from '#api/warnings/admin.ts';
import type { adminWarningTemplates } from '#api/warnings/templates.ts';
import { apiClient, type BodyOf } from '#site/lib/api-client.ts';

/** `/api/admin/warnings`: drafts, approval, publishing, updates, cancels, delivery progress. */
export const warningsApi = apiClient<typeof adminWarnings>('/api/admin/warnings');

/** `/api/admin/warning-templates`: signals, office and English templates, residents' actions. */
export const templatesApi = apiClient<typeof adminWarningTemplates>('/api/admin/warning-templates');

/** A warning as the publishers' list shows it: a draft (with its revision, author and approval) or a published message. */
export type AdminWarning = BodyOf<typeof warningsApi.index.$get>['warnings'][number];

/** A draft as the API returns it after saving, or an update or cancel waiting for approval. */
export type DraftWarning = Extract<AdminWarning, { approval: unknown }>;

/** `GET /api/admin/warning-templates`. */
export type Templates = BodyOf<typeof templatesApi.index.$get>;

/** Path parameters naming one warning. */
export const warningId = (id: number) => ({ param: { id: String(id) } });
