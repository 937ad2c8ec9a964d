/** Shown option places → bank option indexes, sorted; null when a place does not exist. */
export function toBankChoice(shown: readonly number[], optionOrder: readonly number[]): number[] | null {
  const out: number[] = [];
  for (const place of shown) {
    const bank = optionOrder[place];
    if (bank === undefined) return null;
    out.push(bank);
  }
  return out.sort((a, b) => a - b);
}

/** Bank option indexes → the places where this participant sees them, sorted. */
export function toShownChoice(bank: readonly number[], optionOrder: readonly number[]): number[] {
  return bank.map((b) => optionOrder.indexOf(b)).sort((a, b) => a - b);
}

/** Right only when exactly the correct options are chosen: 多选 is all-or-nothing, no partial marks. */
export function isCorrect(choice: readonly number[], answer: readonly number[]): boolean {
  return choice.length === answer.length && answer.every((a) => choice.includes(a));
}

/** Why a choice cannot be saved for a question of `type`, or null when it can. */
export function choiceProblem(type: string, shown: readonly number[], optionCount: number): string | null {
  if (shown.some((p) => p >= optionCount)) return '选项不存在，请刷新页面后重试。';
  if (type !== 'multiple' && shown.length > 1) return '这道题只能选一个答案。';
  return null;
}
