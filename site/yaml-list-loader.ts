import type { Loader } from 'astro/loaders';
import { z } from 'zod';
import { readYamlFile } from '#api/domain/content-files.ts';

/**
 * Loads a YAML file holding a list; each item becomes an entry keyed by `idKey`, with its
 * `position` in the file, since the content store does not keep insertion order.
 */
export function yamlListLoader<T extends z.ZodObject>(path: string, schema: T, idKey: keyof z.output<T> & string): Loader {
  return {
    name: 'yaml-list',
    schema: schema.extend({ position: z.number().int() }),
    load: async ({ store, watcher, parseData }) => {
      store.clear();
      const items = readYamlFile(path, z.array(schema));
      for (const [position, item] of items.entries()) {
        const id = String(item[idKey]);
        store.set({ id, data: await parseData({ id, data: { ...item, position } }) });
      }
      watcher?.add(path);
    },
  };
}
