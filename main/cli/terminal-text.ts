// Text bound for a terminal. File names, titles and other values come from outside (a file system,
// a bundle, an older archive) and may hold escape sequences (recolour, move the cursor, rewrite the
// title bar), CR (overwrite the line) or newlines (forge a line such as "+ #12 …") and bidi controls
// (display text reversed). Every CLI printer sends its lines through terminalSafe, so such values are
// shown as visible escapes (\x1b, \r, \n, \u202e) instead of acting on the terminal. Tabs stay (they
// cannot move the cursor back); `--json` output is never touched (JSON escapes controls itself).

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r' };

function escapeOne(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x80
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** One line of terminal output with every control, newline and bidi override made visible. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}
