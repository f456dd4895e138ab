// Display formatting shared by the screens (dates as dd/mm/yyyy, the Vietnamese convention).

// dd/mm/yyyy display and typed-date parsing live in the contract, shared with the core.
export { formatDate, parseUserDate } from '../../../main/contract/dates.js';

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
