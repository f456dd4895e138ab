// Zod 4 probes `new Function("")` the first time it parses an object, to decide whether to compile
// fast parsers. The renderer's Content-Security-Policy forbids eval, so the probe fails (harmlessly)
// but every page load reports a securitypolicyviolation. `jitless` skips the probe and the
// compilation; this module is imported first in main.tsx so it runs before any schema is used.
import { z } from 'zod';

z.config({ jitless: true });
