import { getCollection, type CollectionEntry } from 'astro:content';

/** A course from content/training/<course>/course.yaml. */
export type Course = CollectionEntry<'courses'>;
/** A lesson; its id is `<course>/<NN>-<slug>`. */
export type Lesson = CollectionEntry<'lessons'>;
/** An event from content/events. */
export type TrainingEvent = CollectionEntry<'events'>;
/** A printable material. */
export type Material = CollectionEntry<'materials'>;
/** A campaign day an event can belong to. */
export type Campaign = NonNullable<TrainingEvent['data']['campaign']>;

/**
 * The moment this build ran. Pages are static, so "upcoming" and "past" are as of the build:
 * the site has to be rebuilt (daily is enough) for an event to move from one list to the other.
 */
export const BUILD_TIME = new Date();

/** Event kinds as residents call them. */
export const EVENT_KINDS = { lecture: '讲座', drill: '演练', campaign: '宣传活动', training: '培训' } as const;

/** Campaign days: name, address of their page. */
export const CAMPAIGNS: Record<Campaign, { name: string; href: string }> = {
  '5.12': { name: '5·12 全国防灾减灾日', href: '/training/campaigns/5-12/' },
  '11.9': { name: '11·9 全国消防日', href: '/training/campaigns/11-9/' },
};

/** Material formats. */
export const MATERIAL_FORMATS = { poster: '海报', handout: '宣传单' } as const;

// Fixed first segments under /training/ that a course slug must not take.
const RESERVED = new Set(['events', 'campaigns', 'materials']);

/** Courses in their order on the training page. */
export async function getCourses(): Promise<Course[]> {
  const courses = await getCollection('courses');
  for (const c of courses) {
    if (RESERVED.has(c.id)) throw new Error(`课程 ${c.id} 的目录名与培训栏目的固定地址冲突，请改名`);
  }
  return courses.sort((a, b) => a.data.order - b.data.order);
}

/** Lessons in course order, or only those of `course`. */
export async function getLessons(course?: string): Promise<Lesson[]> {
  const lessons = await getCollection('lessons', (l) => course === undefined || l.data.course === course);
  return lessons.sort((a, b) => a.data.course.localeCompare(b.data.course) || a.data.order - b.data.order);
}

/** `family-preparedness/01-family-emergency-plan` → `family-emergency-plan`. */
export function lessonSlug(lesson: Lesson): string {
  const file = lesson.id.split('/').at(-1) ?? lesson.id;
  return file.replace(/^\d+-/, '');
}

/** `/training/<course>/`. */
export function courseHref(course: string): string {
  return `/training/${course}/`;
}

/** `/training/<course>/<slug>/`, stable as long as the file name after `NN-` stays the same. */
export function lessonHref(lesson: Lesson): string {
  return `/training/${lesson.data.course}/${lessonSlug(lesson)}/`;
}

/** localStorage key holding the ids of a course's completed lessons. */
export function progressKey(course: string): string {
  return `yzready:training:${course}`;
}

/** `/training/events/<slug>/`. */
export function eventHref(slug: string): string {
  return `/training/events/${slug}/`;
}

/** `/training/events/<slug>.ics`. */
export function eventIcsHref(slug: string): string {
  return `/training/events/${slug}.ics`;
}

/** Whether an event is still to come (or still running) at build time. */
export function isUpcoming(e: TrainingEvent, now: Date = BUILD_TIME): boolean {
  return e.data.end > now;
}

/** Events split at `now`: upcoming soonest first, past most recent first. */
export async function getEventsSplit(now: Date = BUILD_TIME): Promise<{ upcoming: TrainingEvent[]; past: TrainingEvent[] }> {
  const events = await getCollection('events');
  const byStart = (a: TrainingEvent, b: TrainingEvent) => a.data.start.getTime() - b.data.start.getTime();
  return {
    upcoming: events.filter((e) => isUpcoming(e, now)).sort(byStart),
    past: events
      .filter((e) => !isUpcoming(e, now))
      .sort(byStart)
      .reverse(),
  };
}

/** Materials in their order. */
export async function getMaterials(): Promise<Material[]> {
  return (await getCollection('materials')).sort((a, b) => a.data.order - b.data.order);
}

/** `getStaticPaths` of one page per entry: the entry's id as the route parameter `param`, the entry as the prop `entry`. */
export function pagePerEntry<P extends string, E extends { id: string }>(param: P, entries: E[]) {
  return entries.map((entry) => ({ params: { [param]: entry.id } as Record<P, string>, props: { entry } }));
}
