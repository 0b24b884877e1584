// Preloaded (node --import) into a server run under --cpu-prof: turns SIGTERM/SIGINT into a
// normal exit, so Node writes the CPU profile (it does not on a signal's default action).
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0))
