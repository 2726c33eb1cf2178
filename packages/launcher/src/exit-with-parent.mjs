// Preloaded into every service the launcher spawns (`node --import`): when the launcher dies without
// stopping its children (SIGKILL, a jest worker force-exited), they would run on, re-parented, holding
// ports and CPU. `process.ppid` is read once at start-up in Node 20, so the launcher's liveness is probed.
// The service is killed outright rather than asked to shut down: its stdout is a pipe to the dead
// launcher, and pino's synchronous writes retry on EPIPE forever, so a graceful shutdown would never end.
const launcher = process.ppid;
setInterval(() => {
  try {
    process.kill(launcher, 0);
  } catch {
    process.kill(process.pid, 'SIGKILL');
  }
}, 1000).unref();
