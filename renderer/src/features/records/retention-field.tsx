// The thời hạn bảo quản select of a hồ sơ form, with the retention tables' best row for the title typed
// so far offered as a proposal: shared by the form that lập a hồ sơ and the one that edits it.
import { useEffect, useState } from 'react';
import type { RetentionProposalDto } from '../../../../main/contract/dto.js';
import { useApi } from '../../app/api-context.js';
import { Field } from '../../components/field.js';
import { useI18n } from '../../i18n/i18n.js';
import { retentionText } from './record-labels.js';

/** 'permanent' or a number of years as the select's value. */
export type RetentionValue = string;

export function retentionOf(v: RetentionValue): number | 'permanent' {
  return v === 'permanent' ? 'permanent' : Number(v);
}

export function RetentionField({
  title,
  value,
  onChange,
  testId,
  proposalTestId,
}: {
  title: string;
  value: RetentionValue;
  onChange: (v: RetentionValue) => void;
  testId: string;
  proposalTestId: string;
}) {
  const api = useApi();
  const { t } = useI18n();
  const [proposal, setProposal] = useState<RetentionProposalDto | null>(null);

  // Asked after a pause in typing, so each keystroke does not query the tables.
  useEffect(() => {
    const q = title.trim();
    if (q.length < 3) {
      setProposal(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      void api.retentionPropose({ title: q, limit: 1 }).then((r) => {
        if (alive) setProposal(r.ok ? (r.value[0] ?? null) : null);
      });
    }, 250);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, title]);
  // The periods of the TT 10/2022 table, and any other a table row proposed or the hồ sơ has.
  const periods = [
    ...new Set([5, 10, 15, 20, 30, 50, 70, ...(value === 'permanent' ? [] : [Number(value)])]),
  ].sort((a, b) => a - b);

  return (
    <>
      <Field label={t('record.retention')}>
        <select
          className="select"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          data-testid={testId}
        >
          <option value="permanent">{t('record.retentionPermanent')}</option>
          {periods.map((y) => (
            <option key={y} value={y}>
              {t('record.retentionYears', { years: y })}
            </option>
          ))}
        </select>
      </Field>
      {proposal ? (
        <div className="record-proposal" data-testid={proposalTestId}>
          <span>
            {t('record.proposal', {
              period: retentionText(t, proposal.row.retention),
              row: proposal.row.title,
            })}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() => onChange(String(proposal.row.retention))}
            data-testid={`${proposalTestId}-apply`}
          >
            {t('record.proposalApply')}
          </button>
        </div>
      ) : null}
    </>
  );
}
