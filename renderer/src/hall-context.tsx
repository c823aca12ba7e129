import { createContext, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  HallClientError,
  type ConnectionStatus,
  type HallClient,
  type HallInfo,
  type Role,
  type StaffMember,
} from '../../shared/contract';
import type { Language, LocalizedText } from '../../shared/domain/languages';
import { connectHall } from './client/connect';
import type { NotPairedReason } from './client/device-pairing';

interface HallContextValue {
  client: HallClient;
  role: Role;
  status: ConnectionStatus;
  /**
   * Changes every time the connection (re)opens, and for a page whose user signs in
   * only once the sign-in has been resumed on it: effects that load state depend on it.
   */
  connection: number;
  info: HallInfo | null;
  /**
   * Who the page is signed in as (the clerk's desk, the admin page), or null; always null for roles
   * that never sign in. Sign in and out with client.call('auth.signIn' | 'auth.signOut'):
   * the connection keeps track, and resumes the sign-in whenever it reconnects.
   */
  staff: StaffMember | null;
}

const HallContext = createContext<HallContextValue | null>(null);

const INFO_RETRY_MS = 3000;

/** Connects a role's page to the hall and loads the hall's configuration. */
export function HallProvider({ role, children }: { role: Role; children: ReactNode }) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [connection, setConnection] = useState<ReturnType<typeof connectHall> | null>(null);
  const [status, setStatus] = useState<ConnectionStatus>('connecting');
  const [opened, setOpened] = useState(0);
  const [info, setInfo] = useState<HallInfo | null>(null);
  const [staff, setStaff] = useState<StaffMember | null>(null);
  // Through a ref: the navigate function may change with the location, the connection must not.
  const navigate = useNavigate();
  const latestNavigate = useRef(navigate);
  latestNavigate.current = navigate;

  // One connection per role and language (the core answers errors in the page's language).
  // A device the hub does not know as paired goes to /pair, saying why.
  useEffect(() => {
    const next = connectHall(role, language, (reason: NotPairedReason) => void latestNavigate.current('/pair', { replace: true, state: { reason } }));
    setConnection(next);
    setStaff(next.session ? next.session.staff() : null);
    const stopStaff = next.session?.onChange(setStaff);
    const stop = next.client.onStatus((current) => {
      setStatus(current);
      if (current === 'open') setOpened((count) => count + 1);
    });
    return () => {
      stop();
      stopStaff?.();
      next.close();
    };
  }, [role, language]);

  // An admin changed services or windows: load the configuration again.
  const [configVersion, setConfigVersion] = useState(0);
  useEffect(() => connection?.client.on('hall.configChanged', () => setConfigVersion((v) => v + 1)), [connection]);

  // The hall's configuration, loaded whenever the connection (re)opens; retried until it comes.
  useEffect(() => {
    if (!connection || opened === 0) return;
    let current = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      connection.client.call('hall.info', {}).then(
        (value) => current && setInfo(value),
        () => {
          if (current) retry = setTimeout(load, INFO_RETRY_MS);
        },
      );
    void load();
    return () => {
      current = false;
      clearTimeout(retry);
    };
  }, [connection, opened, configVersion]);

  const value = useMemo(
    () => (connection ? { client: connection.client, role, status, connection: opened, info, staff } : null),
    [connection, role, status, opened, info, staff],
  );
  if (!value) return null;
  return <HallContext.Provider value={value}>{children}</HallContext.Provider>;
}

export function useHall(): HallContextValue {
  const value = useContext(HallContext);
  if (!value) throw new Error('useHall outside HallProvider');
  return value;
}

/** A text in the page's current language. */
export function useLocalized(): (text: LocalizedText) => string {
  const { i18n } = useTranslation();
  return (text) => text[i18n.language as Language] ?? text['zh-CN'];
}

/** An error from a call, as the user should read it, in the page's current language. */
export function useErrorText(): (error: unknown) => string {
  const { t } = useTranslation();
  const time = useTimeFormat();
  return (error) => {
    if (error instanceof HallClientError) {
      const params = (error.details as { params?: Record<string, unknown> } | undefined)?.params ?? {};
      // A lockout's end, as the hall's local time in the page's language.
      const lockedUntil = params.lockedUntil;
      return t(`errors.${error.code}`, typeof lockedUntil === 'number' ? { ...params, until: time(lockedUntil) } : params);
    }
    return t('errors.INTERNAL');
  };
}

/** Formats an instant as the hall's local time in the page's language. */
export function useTimeFormat(): (epochMs: number, withSeconds?: boolean) => string {
  const { i18n } = useTranslation();
  const { info } = useHall();
  return (epochMs, withSeconds = false) =>
    new Intl.DateTimeFormat(i18n.language, {
      timeZone: info?.timeZone,
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    }).format(epochMs);
}
