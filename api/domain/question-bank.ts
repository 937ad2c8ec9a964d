import { basename } from 'node:path';
import { z } from 'zod';
import { readYamlFile, yamlFilesIn } from './content-files.ts';
import { questionSchema, type Question } from './questions.ts';

/** Reads every question file under content/questions; the file name is the guide's slug. */
export function loadQuestionBank(dir: string): Question[] {
  const all: Question[] = [];
  const seen = new Set<string>();
  for (const file of yamlFilesIn(dir)) {
    const guide = basename(file).replace(/\.ya?ml$/, '');
    const list = readYamlFile(file, z.array(questionSchema));
    for (const q of list) {
      if (seen.has(q.id)) throw new Error(`${file}: id ${q.id} 重复`);
      seen.add(q.id);
      all.push({ ...q, guide });
    }
  }
  return all;
}
