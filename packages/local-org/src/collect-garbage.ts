/**
 * A full garbage collection, asked for at the moments of a large start when most of the heap has
 * just become garbage (a generated dataset's rows, handed over and loaded). V8 grows its heap
 * ahead of the live data while a program allocates fast, and a 100,000-opportunity start peaked
 * some 300 MB above the 2.5 GB target on garbage alone. Node has no API for it: the `gc` function
 * is exposed once through V8's flag and read from a fresh context.
 */
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';

let collect: (() => void) | undefined;

export function collectGarbage(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
