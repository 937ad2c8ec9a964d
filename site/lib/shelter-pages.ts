// What every shelter page is built from, in either language: one page per shelter, with its nearest neighbours.
import { getCollection } from 'astro:content';
import type { Shelter } from '../schemas/shelter.ts';
import { rankNearest, type Ranked } from './nearest.ts';
import { toMapPoint, type MapPoint } from './shelters.ts';
import type { Lang } from './ui-strings.ts';

/** How many other shelters a shelter's page lists as nearby. */
const NEARBY = 3;

/** Props of a shelter's page: the shelter and the nearest others, nearest first (a type, as Astro's props must be). */
export type ShelterPageProps = {
  shelter: Shelter;
  nearby: Ranked<MapPoint>[];
};

/** Props of a component that shows one shelter in a page's language. */
export interface ShelterProps {
  /** The shelter. */
  shelter: Shelter;
  /** The page's language. */
  lang?: Lang;
}

/** The static paths of the shelter pages (`[id]`). */
export async function shelterPagePaths(): Promise<Array<{ params: { id: string }; props: ShelterPageProps }>> {
  const all = (await getCollection('shelters')).map((e) => e.data);
  return all.map((shelter) => {
    const others = all.filter((o) => o.id !== shelter.id).map(toMapPoint);
    return { params: { id: shelter.id }, props: { shelter, nearby: rankNearest(toMapPoint(shelter), others, NEARBY) } };
  });
}
