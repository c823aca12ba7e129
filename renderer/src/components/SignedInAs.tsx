import { useTranslation } from 'react-i18next';
import type { StaffMember } from '../../../shared/contract';
import { useHall } from '../hall-context';

/** Who is signed in on this page (the clerk's desk, the admin page), and the way out. */
export function SignedInAs({ staff }: { staff: StaffMember }) {
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
