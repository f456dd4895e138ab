// Crash-test hook (reliability.md T-K1): with VANKHO_FAULT="<point>:<n>" in the environment, the
// process SIGKILLs itself the n-th time it reaches the named point, so tests can kill a real import
// at exact moments (before a rename, between storing an original and committing its row, …).
// Without the variable this is a no-op.

const spec = parseSpec(process.env['VANKHO_FAULT']);
let hits = 0;

function parseSpec(v: string | undefined): { point: string; n: number } | null {
  if (!v) return null;
  const i = v.lastIndexOf(':');
  const n = Number(v.slice(i + 1));
  if (i <= 0 || !Number.isInteger(n) || n < 1) return null;
  return { point: v.slice(0, i), n };
}

export function faultPoint(point: string): void {
  if (!spec || spec.point !== point) return;
  hits++;
  if (hits === spec.n) process.kill(process.pid, 'SIGKILL');
}
