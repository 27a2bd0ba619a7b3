/**
 * Long work split into short tasks, so that the page stays responsive whatever the size of a
 * catalogue: the work runs in slices of about `sliceMs` milliseconds of elapsed time (not a fixed
 * count of items: ten long summaries can cost what a thousand titles do), and the page gets a
 * turn between slices.
 */

/**
 * Gives the page a turn before work goes on: input, rendering and every task already queued run
 * first. A message is a plain task (a nested timer would wait 4 ms; `scheduler.yield` would put
 * this work ahead of the page's own).
 */
export const yieldToPage = (): Promise<void> =>
  new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      resolve();
    };
    port2.postMessage(0);
  });

/** Runs `step(0)` … `step(count - 1)` in slices of about `sliceMs`, yielding to the page between them. */
export async function sliced(count: number, step: (i: number) => void, sliceMs = 8): Promise<void> {
  for (let i = 0; i < count;) {
    const end = performance.now() + sliceMs;
    do step(i++);
    while (i < count && performance.now() < end);
    if (i < count) await yieldToPage();
  }
}
