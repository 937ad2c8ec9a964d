import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireRole } from '../accounts/guard.ts';
import { auditInsertWhen, auditOf } from '../audit.ts';
import type { AppEnv } from '../context.ts';
import type { Database } from '../db/client.ts';
import { warningTemplates } from '../db/schema-warnings.ts';
import { readYamlFile } from '../domain/content-files.ts';
import { hazardCodeSchema, levelCodeSchema } from '../domain/hazards.ts';
import { CONTENT_DIR } from '../env.ts';
import { apiError } from '../errors.ts';
import { jsonBody, paramsOf } from '../validate.ts';
import { RESIDENT_ACTIONS } from './actions.ts';
import { RESPONSE_TYPES } from './schema.ts';

/** content/warnings/signals.yaml: a meteorological signal's official meaning and defence guidance. */
export const signalSchema = z.object({
  hazard: hazardCodeSchema,
  level: levelCodeSchema,
  standard: z.string().min(6),
  guidance: z.array(z.string().min(2)).min(1),
});

/** content/warnings/templates.yaml: the office's starting templates for other hazards. */
export const officeTemplateSchema = z.object({
  hazard: hazardCodeSchema,
  title: z.string().trim().min(2).max(40),
  description: z.string().trim().min(10).max(2000),
  instruction: z.string().trim().min(6).max(2000),
  responseType: z.enum(RESPONSE_TYPES),
});

/** The 14 signals × colours, read once. */
export const SIGNALS = readYamlFile(join(CONTENT_DIR, 'warnings', 'signals.yaml'), z.array(signalSchema));

/** content/warnings/templates-en.yaml: English starting text per hazard (the headline names the level). */
export const englishTemplateSchema = z
  .object({
    hazard: hazardCodeSchema,
    /** What is happening, with [ ] placeholders (hazards without signal levels). */
    description: z.string().trim().min(10).max(4000).optional(),
    /** Weather signals: the CMA standard of each level, in English (as signals.yaml in Chinese). */
    levels: z.partialRecord(levelCodeSchema, z.string().trim().min(10).max(4000)).optional(),
    instruction: z.string().trim().min(6).max(4000),
  })
  .refine((t) => t.description !== undefined || t.levels !== undefined, 'description or levels is needed');

/** English templates for every hazard, read once. */
export const ENGLISH_TEMPLATES = readYamlFile(join(CONTENT_DIR, 'warnings', 'templates-en.yaml'), z.array(englishTemplateSchema));

/** Puts the shipped office templates (from `contentDir`) into the database unless an admin has already edited them. */
export async function seedOfficeTemplates(database: Database, now: number, contentDir: string): Promise<void> {
  const shipped = readYamlFile(join(contentDir, 'warnings', 'templates.yaml'), z.array(officeTemplateSchema));
  await database.write((db) =>
    db
      .insert(warningTemplates)
      .values(shipped.map((t) => ({ ...t, updatedAt: now })))
      .onConflictDoNothing(),
  );
}

const hazardParam = z.object({ hazard: hazardCodeSchema });

/** `/api/admin/warning-templates`: signals and office templates for publishers; admins edit the latter. */
export const adminWarningTemplates = new Hono<AppEnv>()
  .get('/', requireRole('publisher'), async (c) => {
    const office = await c.var.database.db.select().from(warningTemplates).orderBy(asc(warningTemplates.hazard));
    return c.json({ signals: SIGNALS, office, english: ENGLISH_TEMPLATES, actions: RESIDENT_ACTIONS });
  })
  .put('/:hazard', requireRole('admin'), paramsOf(hazardParam), jsonBody(officeTemplateSchema.omit({ hazard: true })), async (c) => {
    const { hazard } = c.req.valid('param');
    const body = c.req.valid('json');
    const [rows] = await c.var.database.write((db) =>
      db.batch([
        db
          .update(warningTemplates)
          .set({ ...body, updatedBy: c.var.session?.account.id ?? null, updatedAt: c.var.now })
          .where(eq(warningTemplates.hazard, hazard))
          .returning(),
        auditInsertWhen(db, auditOf(c, 'warning.template.edit', `template:${hazard}`), sql`changes() > 0`),
      ]),
    );
    if (!rows[0]) throw apiError(404, 'not_found', '这个灾种没有部门模板（气象预警使用官方防御指南）。');
    return c.json({ template: rows[0] });
  });
