// Small text helpers shared by the sentences of signals and of `explain`.

/** A number rounded to one decimal, without a trailing '.0'. */
export const fmt = (n: number): string => String(Math.round(n * 10) / 10);

/** '1 day', '3 days'. */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** 'A', 'A or B', 'A, B or C'. */
export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
