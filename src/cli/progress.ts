/** Longest a non-terminal output goes without a progress line while batches finish. */
const LINE_EVERY_MS = 2000;

/**
 * Writes a run's progress: a bar redrawn in place on a terminal, plain lines (at most one every
 * two seconds, and the last) when stdout is a file or a pipe.
 */
export function progressWriter(out: NodeJS.WritableStream & { isTTY?: boolean }): ((done: number, total: number) => void) & { end(): void } {
  let lastLine = 0;
  let drawn = false;
  const write = (done: number, total: number) => {
    if (total === 0) return;
    if (out.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      out.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} batches`);
      drawn = true;
      return;
    }
    if (done < total && Date.now() - lastLine < LINE_EVERY_MS) return;
    lastLine = Date.now();
    out.write(`progress: ${done}/${total} batches\n`);
  };
  return Object.assign(write, {
    end: () => {
      if (drawn) out.write('\n');
    },
  });
}
