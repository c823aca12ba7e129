import { useTranslation } from 'react-i18next';
import type { VisitSummary } from '../../../../shared/contract';
import { TableHead } from '../../components/TableHead';
import { useCaseFormat, useCategoryText } from '../case/case-format';
import { useTagText } from '../case/TagsDialog';
import '../case/case.css';

const NEXT_STATE_ICONS: Record<string, string> = { open: '○', due_soon: '◔', due_today: '⚠', overdue: '✖' };

/** Cases in a table (today's, found by a search): number, day, visitor, matter, stage, next deadline; each opens the case. */
export function CaseList(props: { visits: VisitSummary[]; onOpen: (visitId: string) => void; testId?: string }) {
  const { t } = useTranslation();
  const format = useCaseFormat();
  const categoryText = useCategoryText();
  const tagText = useTagText();
  return (
    <div className="table-scroll">
      <table className="data-table case-table" data-testid={props.testId}>
        <TableHead
          columns={[
            t('clerk.cases.columns.caseNumber'),
            t('clerk.cases.columns.receivedOn'),
            t('clerk.cases.columns.visitor'),
            t('clerk.cases.columns.matter'),
            t('clerk.cases.columns.stage'),
            t('clerk.cases.columns.nextDeadline'),
          ]}
          actions
        />
        <tbody>
          {props.visits.map((visit) => (
            <tr key={visit.id}>
              <td className="nowrap">
                <strong>{visit.caseNumber}</strong>
                {visit.officialNumber && <div className="muted">{visit.officialNumber}</div>}
              </td>
              <td className="nowrap">{format.shortDay(visit.receivedOn)}</td>
              <td className="nowrap">{visit.visitorName ?? t('clerk.case.identityUnclear')}</td>
              <td>
                <div>{categoryText(visit.categoryCode)}</div>
                <div className="muted case-summary">{visit.summary}</div>
                {visit.tags.length > 0 && (
                  <div className="case-row-tags">
                    {visit.tags.map((tag) => (
                      <span key={tag.kind} className="badge">
                        {tagText(tag)}
                      </span>
                    ))}
                  </div>
                )}
              </td>
              <td>
                {t(`clerk.cases.stages.${visit.stage}`)}
                {visit.final && <div className="muted">{t('clerk.cases.final')}</div>}
              </td>
              <td>
                {visit.nextDeadline ? (
                  <>
                    <div>{t(`clerk.case.deadlineKinds.${visit.nextDeadline.kind}`)}</div>
                    <div>{t('clerk.case.deadlines.due', { date: format.day(visit.nextDeadline.dueDate) })}</div>
                    <div className={`deadline-state deadline-${visit.nextDeadline.state}`}>
                      <span aria-hidden="true">{NEXT_STATE_ICONS[visit.nextDeadline.state] ?? '○'} </span>
                      {t(`clerk.cases.nextStates.${visit.nextDeadline.state}`, { defaultValue: t('clerk.cases.nextStates.open') })}
                    </div>
                  </>
                ) : (
                  <span className="muted">{t('clerk.cases.noDeadline')}</span>
                )}
              </td>
              <td className="nowrap">
                <button
                  type="button"
                  className="secondary-button small-button"
                  aria-label={t('clerk.cases.openThis', { caseNumber: visit.caseNumber })}
                  onClick={() => props.onOpen(visit.id)}
                >
                  {t('clerk.cases.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
