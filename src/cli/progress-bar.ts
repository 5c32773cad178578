import cliProgress from 'cli-progress';

/** Where a long command stands: the bar's position and total, and the named values its format shows. */
export type BarView = { value: number; total: number; payload: Record<string, string> };

/**
 * A cli-progress bar on stderr for a long command (import, export); nothing at all when stderr is piped,
 * so scripts and tests read clean output. `view` turns the command's own progress into the bar's state.
 */
export function progressBar<P>(format: string, view: (p: P, seconds: number) => BarView) {
  if (!process.stderr.isTTY) return { update: (_p: P) => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format, hideCursor: true, barsize: 30 }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  let running = false;
  return {
    update(p: P) {
      const v = view(p, Math.max((performance.now() - started) / 1000, 0.001));
      if (!running) bar.start(v.total, 0, v.payload);
      running = true;
      bar.setTotal(v.total);
      bar.update(v.value, v.payload);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
