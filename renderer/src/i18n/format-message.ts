/** Fills `{name}` placeholders; output is NFC so composed and decomposed input render alike. */
export function formatMessage(template: string, vars?: Record<string, string | number>): string {
  const out = vars
    ? template.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m))
    : template;
  return out.normalize('NFC');
}
