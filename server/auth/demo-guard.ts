/**
 * Demo mode seeds users whose password is their name: it may only listen where nobody else can reach it,
 * unless the operator says explicitly that it may (`demoAllowRemote`, a training room on a closed network).
 */
export function isLoopbackListenAddress(host: string): boolean {
  const name = host.trim().toLowerCase().replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** Why this configuration may not start, or null. */
export function demoExposureProblem(config: { demo: boolean; host: string; demoAllowRemote: boolean }): string | null {
  if (!config.demo || config.demoAllowRemote || isLoopbackListenAddress(config.host)) return null;
  return (
    `demo (MELDKAMER_DEMO): demo mode has users whose password is their name and may only listen on a loopback address ` +
    `(127.0.0.1, ::1, localhost), not on ${config.host}. Leave demo mode off and create users with \`npm run user:create\`, ` +
    `or set MELDKAMER_DEMO_ALLOW_REMOTE=1 (demoAllowRemote) to allow it on purpose`
  );
}
