import type { Loader } from 'astro/loaders';
import { z } from 'zod';
import { readYamlFile } from '../api/domain/content-files.ts';

/** Loads a YAML file holding a list; each item becomes an entry keyed by `idKey`. */
export function yamlListLoader<T extends z.ZodObject>(path: string, schema: T, idKey: keyof z.output<T> & string): Loader {
  return {
    name: 'yaml-list',
    load: async ({ store, watcher }) => {
      store.clear();
      for (const item of readYamlFile(path, z.array(schema))) {
        store.set({ id: String(item[idKey]), data: item as Record<string, unknown> });
      }
      watcher?.add(path);
    },
  };
}
