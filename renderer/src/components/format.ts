// Display formatting shared by the screens (dates as dd/mm/yyyy, the Vietnamese convention).

/** "2022-03-08" → "08/03/2022"; "2022-03" → "03/2022"; anything else is returned unchanged. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  if (d && mo) return `${d}/${mo}/${y}`;
  if (mo) return `${mo}/${y}`;
  return y ?? iso;
}

export function formatBytes(n: number, lang: 'vi' | 'en'): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: i === 0 ? 0 : 1 })} ${units[i]}`;
}

export function formatCount(n: number, lang: 'vi' | 'en'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB');
}
