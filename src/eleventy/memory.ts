/**
 * A full garbage collection, when the process runs with `--expose-gc` (`npm run build` and `npm run
 * bench` do; tests and the dev server do not, and then this does nothing). V8 keeps garbage until its heap
 * grows further, which a build waiting on Pagefind's indexer (a process of its own) never makes it do; at
 * the points a build calls this, most of what rendering allocated is garbage (docs/performance.md).
 */
export function collectGarbage(): void {
	(globalThis as { gc?: () => void }).gc?.();
}
