import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { SignedInAs } from '../components/SignedInAs';
import { useHall, useLocalized } from '../hall-context';
import { CaseView } from './case/CaseView';
import { CaseSearch } from './cases/CaseSearch';
import { DueList } from './cases/DueList';
import { TodayCases } from './cases/TodayCases';
import { useOverdueCount } from './cases/use-overdue-count';
import './cases/cases.css';
import { SignInForm } from './SignInForm';
import { WindowDesk } from './WindowDesk';

const WINDOW_KEY = 'hall.clerk.windowId';

const TABS = ['window', 'today', 'due', 'search'] as const;
type Tab = (typeof TABS)[number];

/** The clerk's workspace: sign in, pick the window once; then the window desk, today's cases, the due list and the search. */
export function ClerkPage() {
  const { t } = useTranslation();
  const { info, staff } = useHall();
  const [windowId, setWindowId] = useState<string | null>(() => window.localStorage.getItem(WINDOW_KEY));
  const current = info?.windows.find((w) => w.id === windowId) ?? null;

  const choose = (id: string | null) => {
    if (id) window.localStorage.setItem(WINDOW_KEY, id);
    else window.localStorage.removeItem(WINDOW_KEY);
    setWindowId(id);
  };

  return (
    <div className="page clerk">
      <PageHeader title={t('clerk.title')}>{staff && <SignedInAs staff={staff} />}</PageHeader>
      <main>
        {staff === null ? (
          <SignInForm />
        ) : !info ? (
          <p>{t('common.loading')}</p>
        ) : (
          <Workspace windowId={current?.id}>
            {current ? <WindowDesk hallWindow={current} onChangeWindow={() => choose(null)} /> : <WindowChooser onChoose={choose} />}
          </Workspace>
        )}
      </main>
    </div>
  );
}

/**
 * The tabs of the desk. The window desk stays mounted while another tab is shown (its
 * queue keeps following the hall); the case tabs load afresh each time they are shown.
 * The due-list tab says in words how many of the clerk's deadlines are overdue.
 */
function Workspace({ windowId, children }: { windowId?: string; children: ReactNode }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('window');
  const [opened, setOpened] = useState<{ tab: Tab; visitId: string } | null>(null);
  const overdue = useOverdueCount(tab);

  const label = (name: Tab) => (name === 'due' && overdue ? t('clerk.tabs.dueOverdue', { count: overdue }) : t(`clerk.tabs.${name}`));
  const show = (name: Tab) => {
    setTab(name);
    setOpened(null);
  };
  const onKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length]!;
    show(next);
    document.getElementById(`clerk-tab-${next}`)?.focus();
  };
  const open = (visitId: string) => setOpened({ tab, visitId });

  return (
    <>
      <div className="clerk-tabs" role="tablist" aria-label={t('clerk.tabs.label')} onKeyDown={onKey}>
        {TABS.map((name) => (
          <button
            key={name}
            id={`clerk-tab-${name}`}
            type="button"
            role="tab"
            aria-selected={tab === name}
            aria-controls={`clerk-panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={name === 'due' && overdue ? 'clerk-tab has-overdue' : 'clerk-tab'}
            onClick={() => show(name)}
          >
            {name === 'due' && overdue ? <span aria-hidden="true">⚠ </span> : null}
            {label(name)}
          </button>
        ))}
      </div>
      <div id="clerk-panel-window" role="tabpanel" aria-labelledby="clerk-tab-window" hidden={tab !== 'window'}>
        {children}
      </div>
      {tab !== 'window' && (
        <div id={`clerk-panel-${tab}`} role="tabpanel" aria-labelledby={`clerk-tab-${tab}`}>
          {opened?.tab === tab && <CaseView key={opened.visitId} visitId={opened.visitId} windowId={windowId} onClose={() => setOpened(null)} />}
          {/* The search keeps its results under an opened case; the lists load afresh after it. */}
          {tab === 'search' && (
            <div hidden={opened !== null}>
              <CaseSearch onOpen={open} />
            </div>
          )}
          {opened === null && tab === 'today' && <TodayCases onOpen={open} />}
          {opened === null && tab === 'due' && <DueList onOpen={open} />}
        </div>
      )}
    </>
  );
}

function useServiceNames(): (hallWindow: HallWindow) => string {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  return (hallWindow) =>
    hallWindow.services
      .map(({ serviceId }) => info?.services.find((service) => service.id === serviceId))
      .filter((service) => service !== undefined)
      .map((service) => `${service.letter} ${localized(service.name)}`)
      .join(t('common.listSeparator'));
}

function WindowChooser({ onChoose }: { onChoose: (windowId: string) => void }) {
  const { t } = useTranslation();
  const { info } = useHall();
  const localized = useLocalized();
  const serviceNames = useServiceNames();
  return (
    <section aria-labelledby="choose-window">
      <h2 id="choose-window">{t('clerk.chooseWindow')}</h2>
      <div className="window-grid">
        {info?.windows.map((hallWindow) => (
          <button key={hallWindow.id} type="button" className="window-button" onClick={() => onChoose(hallWindow.id)}>
            <span className="window-name">{localized(hallWindow.name)}</span>
            <span className="muted">{t('clerk.serves', { services: serviceNames(hallWindow) })}</span>
          </button>
        ))}
      </div>
    </section>
  );
}
