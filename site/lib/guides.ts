import { getCollection, type CollectionEntry } from 'astro:content';
import { CATEGORIES, type Category } from '../schemas/guide.ts';

/** A guide entry from the collection. */
export type GuideEntry = CollectionEntry<'guides'>;

/** Every guide, by class then order. */
export async function allGuides(): Promise<GuideEntry[]> {
  const order = Object.keys(CATEGORIES);
  return (await getCollection('guides')).sort(
    (a, b) => order.indexOf(a.data.category) - order.indexOf(b.data.category) || a.data.order - b.data.order,
  );
}

/** Guides grouped by class, in the order of 《突发事件应对法》. */
export async function guidesByCategory(): Promise<Array<{ category: Category; name: string; guides: GuideEntry[] }>> {
  const guides = await allGuides();
  return (Object.entries(CATEGORIES) as Array<[Category, string]>).map(([category, name]) => ({
    category,
    name,
    guides: guides.filter((g) => g.data.category === category),
  }));
}

/** The URL of a guide. */
export const guideUrl = (id: string): string => `/guides/${id}/`;
