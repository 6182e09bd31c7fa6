// Batch commands hold every customer of a file at once. V8 lets its heap grow to up to 4x the live size
// between full collections when collections are cheap, which for a batch run over 50,000 customers meant a
// few hundred MB of garbage on top of ~150 MB live. A fixed growing factor of 1.5x trades a few more (fast)
// full collections for that memory: `rapport profile` over 300k interactions / 50k customers peaked at
// 504 MB RSS with V8's default and 398 MB with this, in the same wall time within noise (bench/run.ts).
import { setFlagsFromString } from 'node:v8';

/** V8's flag of that name: the heap grows to (1 + percent/100) x the live size before the next full GC. */
export const BATCH_HEAP_GROWING_PERCENT = 50;

/**
 * Call before a batch command starts allocating; later collections size the heap by the fixed factor.
 * Node warns that V8 flags set after start-up may do nothing: this one is read at every full collection
 * (V8's heap controller), and `npm run bench` prints the peak RSS that shows it working.
 */
export function preferSmallHeap(): void {
  setFlagsFromString(`--heap-growing-percent=${BATCH_HEAP_GROWING_PERCENT}`);
}
