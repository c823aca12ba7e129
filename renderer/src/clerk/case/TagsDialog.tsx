import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_TAG_KINDS, type CaseTag, type Visit } from '../../../../shared/contract';
import { FormDialog, FormProblem } from '../../components/FormDialog';
import { useHall } from '../../hall-context';

/** A tag in words: 积案, 六无, 三跨三分离, 领导包案 with the owning leader. */
export function useTagText(): (tag: CaseTag) => string {
  const { t } = useTranslation();
  return (tag) => (tag.kind === 'leader_owned' ? t('clerk.case.tags.leader_owned', { leader: tag.leader }) : t(`clerk.case.tags.${tag.kind}`));
}

/** Replaces the case's tags (visits.setTags): each kind once, 领导包案 with the leader who owns the case. */
export function TagsDialog(props: { visit: Visit; onClose: () => void; onSaved: (visit: Visit) => void }) {
  const { t } = useTranslation();
  const { client } = useHall();
  const [chosen, setChosen] = useState(() => new Set(props.visit.tags.map((tag) => tag.kind)));
  const [leader, setLeader] = useState(() => props.visit.tags.find((tag) => tag.kind === 'leader_owned')?.leader ?? '');

  const toggle = (kind: CaseTag['kind'], on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(kind);
      else next.delete(kind);
      return next;
    });

  const submit = async () => {
    if (chosen.has('leader_owned') && leader.trim() === '') throw new FormProblem(t('clerk.case.tags.leaderMissing'));
    const tags: CaseTag[] = CASE_TAG_KINDS.filter((kind) => chosen.has(kind)).map((kind) =>
      kind === 'leader_owned' ? { kind, leader: leader.trim() } : { kind },
    );
    const { visit } = await client.call('visits.setTags', { visitId: props.visit.id, tags });
    props.onSaved(visit);
  };

  return (
    <FormDialog title={t('clerk.case.tags.dialogTitle', { caseNumber: props.visit.caseNumber })} onClose={props.onClose} submit={submit}>
      <fieldset>
        <legend>{t('clerk.case.tags.title')}</legend>
        {CASE_TAG_KINDS.map((kind) => (
          <label key={kind} className="choice">
            <input type="checkbox" checked={chosen.has(kind)} onChange={(event) => toggle(kind, event.target.checked)} />
            {t(`clerk.case.tags.kinds.${kind}`)}
          </label>
        ))}
      </fieldset>
      {chosen.has('leader_owned') && (
        <label className="field">
          {t('clerk.case.tags.leader')}
          <input value={leader} maxLength={60} aria-required="true" onChange={(event) => setLeader(event.target.value)} />
        </label>
      )}
    </FormDialog>
  );
}
