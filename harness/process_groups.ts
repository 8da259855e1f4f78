// The process groups of the grader's children that are still running: none may outlive the grader.

const live = new Set<number>();
let guarding = false;

/** SIGKILL to the whole group that `pid` leads (spawned with `detached: true`). */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/**
 * Kills every live group when this process exits (normally, by an uncaught error, or by SIGINT,
 * SIGTERM or SIGHUP). A child in a group of its own gets no Ctrl-C from the terminal, so this is
 * what stops it; the signal then ends this process as it would have without us.
 */
function guardExits(): void {
  if (guarding) return;
  guarding = true;
  process.on('exit', () => live.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      live.forEach(killGroup);
      process.removeListener(signal, onSignal);
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Watches the group led by `pid` until the returned function is called (when the child has ended). */
export function trackGroup(pid: number): () => void {
  guardExits();
  live.add(pid);
  return () => live.delete(pid);
}
