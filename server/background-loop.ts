import "server-only";

/**
 * Runs `pass` every `intervalMs` until stopped, one pass at a time: a slow
 * pass never stacks up overlapping ones. Errors are logged and the next pass
 * tries again. The timer does not keep the process alive on its own.
 */
export function startBackgroundLoop(name: string, intervalMs: number, pass: () => Promise<void>): () => Promise<void> {
  let running = false;
  let stopped = false;
  const run = async () => {
    if (running || stopped) return;
    running = true;
    try {
      await pass();
    } catch (error) {
      console.error(`${name} failed:`, error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return async function stop() {
    stopped = true;
    clearInterval(timer);
    while (running) await new Promise((resolve) => setTimeout(resolve, 50));
  };
}
