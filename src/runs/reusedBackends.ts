/**
 * One line saying how many finished runs were reused and which backend trained them, for
 * the end of a pipeline: the run records store their backend, and a comparison whose runs
 * were trained on `tensorflow` must not read as if this process's `wasm` had trained them.
 * Undefined when nothing was reused.
 *
 *   reused 20 finished runs (trained on tensorflow); trained 10 now on wasm
 *   reused 20 finished runs (trained on tensorflow: 15, wasm: 5); trained 0 now on wasm
 */
export function describeReusedRuns(
  reusedBackends: string[],
  trainedNow: number,
  currentBackend: string,
): string | undefined {
  if (reusedBackends.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const name of reusedBackends) counts.set(name, (counts.get(name) ?? 0) + 1);
  const backends =
    counts.size === 1
      ? [...counts.keys()][0]
      : [...counts.entries()].map(([name, count]) => `${name}: ${count}`).join(', ');
  const runs = reusedBackends.length === 1 ? 'run' : 'runs';
  return `reused ${reusedBackends.length} finished ${runs} (trained on ${backends}); trained ${trainedNow} now on ${currentBackend}`;
}
