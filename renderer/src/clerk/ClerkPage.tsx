import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallWindow, StaffMember } from '../../../shared/contract';
import { PageHeader } from '../components/PageHeader';
import { useHall, useLocalized } from '../hall-context';
import { SignInForm } from './SignInForm';
import { WindowDesk } from './WindowDesk';

const WINDOW_KEY = 'hall.clerk.windowId';

/** The window desk: sign in, pick the window once, then call next / finish. */
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
        ) : current ? (
          <WindowDesk hallWindow={current} onChangeWindow={() => choose(null)} />
        ) : (
          <WindowChooser onChoose={choose} />
        )}
      </main>
    </div>
  );
}

/** Who is signed in at this desk, and the way out. */
function SignedInAs({ staff }: { staff: StaffMember }) {
  const { t } = useTranslation();
  const { client } = useHall();
  return (
    <div className="signed-in" data-testid="signed-in">
      <span className="signed-in-name">{t('auth.signedInAs', { name: staff.name, staffNo: staff.staffNo })}</span>
      {/* The page forgets the sign-in at once, whatever the hub answers. */}
      <button type="button" onClick={() => void client.call('auth.signOut', {}).catch(() => undefined)}>
        {t('auth.signOut')}
      </button>
    </div>
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
