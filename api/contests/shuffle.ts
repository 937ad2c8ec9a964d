/** Random integer in [0, n). */
export type RandomInt = (n: number) => number;

/** 0..n-1 in a random order (Fisher–Yates). */
export function permutation(n: number, random: RandomInt): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random(i + 1);
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

/** What the order of one attempt depends on. */
export interface OrderSettings {
  shuffleQuestions: boolean;
  shuffleOptions: boolean;
}

/** One attempt's order: contest positions as shown, and per shown question the bank option at each shown place. */
export interface AttemptOrder {
  questionOrder: number[];
  optionOrders: number[][];
}

/**
 * The order one participant sees. 判断题 keep 正确 before 错误: swapping them helps nobody and
 * confuses young pupils.
 */
export function attemptOrder(
  questions: ReadonlyArray<{ type: string; options: readonly string[] }>,
  s: OrderSettings,
  random: RandomInt,
): AttemptOrder {
  const questionOrder = s.shuffleQuestions ? permutation(questions.length, random) : questions.map((_, i) => i);
  const optionOrders = questionOrder.map((p) => {
    const q = questions[p];
    const n = q?.options.length ?? 0;
    return s.shuffleOptions && q?.type !== 'truefalse' ? permutation(n, random) : Array.from({ length: n }, (_, i) => i);
  });
  return { questionOrder, optionOrders };
}
