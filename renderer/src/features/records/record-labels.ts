// How a hồ sơ's coded values read on screen (thời hạn, mức độ tiếp cận, trạng thái), in one place so
// the list, the hồ sơ screen and the document screen say the same.
import type { RecordAccessLevel, RecordDto, RecordStateDto } from '../../../../main/contract/dto.js';
import type { MessageKey } from '../../i18n/vi.js';

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const accessKey = (a: RecordAccessLevel): MessageKey => `record.access.${a}`;
export const stateKey = (s: RecordStateDto): MessageKey => `record.state.${s}`;

export function retentionText(t: T, r: RecordDto['retention']): string {
  return r === 'permanent' ? t('record.retentionPermanent') : t('record.retentionYears', { years: r });
}
