import { defineCollection } from 'astro:content';
import { glob, type Loader } from 'astro/loaders';
import { loadQuestionBank } from '#api/domain/question-bank.ts';
import { CONTENT_DIR } from '#api/env.ts';
import { eventSchema } from './schemas/event.ts';
import { guideSchema } from './schemas/guide.ts';
import { guideEnSchema, numberEnSchema } from './schemas/english.ts';
import { checklistItemSchema, phoneNumberSchema, populationSchema } from './schemas/household.ts';
import { shelterSchema } from './schemas/shelter.ts';
import { courseSchema, lessonSchema, materialSchema } from './schemas/training.ts';
import { yamlListLoader } from './yaml-list-loader.ts';

const questionLoader: Loader = {
  name: 'question-bank',
  load: async ({ store, watcher }) => {
    store.clear();
    for (const q of loadQuestionBank(`${CONTENT_DIR}/questions`)) store.set({ id: q.id, data: q });
    watcher?.add(`${CONTENT_DIR}/questions`);
  },
};

const yamlId = ({ entry }: { entry: string }) => entry.replace(/\.ya?ml$/, '');

export const collections = {
  guides: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${CONTENT_DIR}/guides` }), schema: guideSchema }),
  /** English versions of the guides a visitor most needs (site/lib/i18n.ts). */
  guidesEn: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${CONTENT_DIR}/guides-en` }), schema: guideEnSchema }),
  courses: defineCollection({
    loader: glob({ pattern: '*/course.yaml', base: `${CONTENT_DIR}/training`, generateId: ({ entry }) => entry.split('/')[0] ?? entry }),
    schema: courseSchema,
  }),
  lessons: defineCollection({ loader: glob({ pattern: '*/*.mdx', base: `${CONTENT_DIR}/training` }), schema: lessonSchema }),
  materials: defineCollection({ loader: glob({ pattern: '*.mdx', base: `${CONTENT_DIR}/materials` }), schema: materialSchema }),
  events: defineCollection({ loader: glob({ pattern: '*.yaml', base: `${CONTENT_DIR}/events`, generateId: yamlId }), schema: eventSchema }),
  shelters: defineCollection({
    loader: glob({ pattern: '*.yaml', base: `${CONTENT_DIR}/shelters`, generateId: yamlId }),
    schema: shelterSchema,
  }),
  questions: defineCollection({ loader: questionLoader }),
  population: defineCollection({ loader: yamlListLoader(`${CONTENT_DIR}/population.yaml`, populationSchema, 'areaCode') }),
  numbers: defineCollection({ loader: yamlListLoader(`${CONTENT_DIR}/numbers.yaml`, phoneNumberSchema, 'number') }),
  /** English names and purposes of the numbers above. */
  numbersEn: defineCollection({ loader: yamlListLoader(`${CONTENT_DIR}/numbers-en.yaml`, numberEnSchema, 'number') }),
  checklist: defineCollection({ loader: yamlListLoader(`${CONTENT_DIR}/checklist/household.yaml`, checklistItemSchema, 'id') }),
};
