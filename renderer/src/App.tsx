import { lazy, Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import type { Role } from '../../shared/contract';
import { mayOpenRole, readPairedDevice } from './client/device-pairing';
import { LanguageSwitch } from './components/LanguageSwitch';
import { HallProvider } from './hall-context';
import { RoleLinks } from './components/RoleLinks';

// Each role's page loads with its route: the kiosk's keyboard, layouts and QR code
// stay out of the other pages, the clerk's and display's code out of the kiosk.
const AdminPage = lazy(() => import('./admin/AdminPage').then((module) => ({ default: module.AdminPage })));
const ClerkPage = lazy(() => import('./clerk/ClerkPage').then((module) => ({ default: module.ClerkPage })));
const ComicsPage = lazy(() => import('./comics/ComicsPage').then((module) => ({ default: module.ComicsPage })));
const DisplayPage = lazy(() => import('./display/DisplayPage').then((module) => ({ default: module.DisplayPage })));
const KioskPage = lazy(() => import('./kiosk/KioskPage').then((module) => ({ default: module.KioskPage })));
const RatePage = lazy(() => import('./rate/RatePage').then((module) => ({ default: module.RatePage })));
const TicketProgressPage = lazy(() => import('./kiosk/TicketProgressPage').then((module) => ({ default: module.TicketProgressPage })));
const CaseStatusPage = lazy(() => import('./kiosk/CaseStatusPage').then((module) => ({ default: module.CaseStatusPage })));
const PairPage = lazy(() => import('./pair/PairPage').then((module) => ({ default: module.PairPage })));
const DeviceMismatch = lazy(() => import('./pair/DeviceMismatch').then((module) => ({ default: module.DeviceMismatch })));

/**
 * In Electron the window's role is fixed by the main process; on the Node host, by the
 * route — or, on a paired device, by its pairing: another role's page says where to go.
 */
function RolePage({ role, children }: { role: Role; children: ReactNode }) {
  const fixedRole = window.hallBridge?.role;
  if (fixedRole && fixedRole !== role) return <Navigate to={`/${fixedRole}`} replace />;
  const device = fixedRole ? null : readPairedDevice();
  if (device && !mayOpenRole(device, role)) {
    return (
      <Suspense fallback={null}>
        <DeviceMismatch device={device} role={role} />
      </Suspense>
    );
  }
  return (
    <HallProvider role={role}>
      <Suspense fallback={null}>{children}</Suspense>
    </HallProvider>
  );
}

function Home() {
  const { t } = useTranslation();
  if (window.hallBridge) return <Navigate to={`/${window.hallBridge.role}`} replace />;
  // A paired device has one page.
  const device = readPairedDevice();
  if (device) return <Navigate to={device.page} replace />;
  return (
    <div className="page home">
      <header className="page-header">
        <h1>{t('common.appName')}</h1>
        <LanguageSwitch />
      </header>
      <main>
        <RoleLinks />
      </main>
    </div>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <Routes>
        <Route path="/" element={<Home />} />
        <Route path="/kiosk" element={<RolePage role="kiosk"><KioskPage /></RolePage>} />
        <Route path="/q/:ticketId" element={<RolePage role="kiosk"><TicketProgressPage /></RolePage>} />
        <Route path="/case/:caseNumber" element={<RolePage role="kiosk"><CaseStatusPage /></RolePage>} />
        <Route path="/rate" element={<RolePage role="kiosk"><RatePage /></RolePage>} />
        <Route path="/comics" element={<RolePage role="kiosk"><ComicsPage /></RolePage>} />
        <Route path="/clerk" element={<RolePage role="clerk"><ClerkPage /></RolePage>} />
        <Route path="/display" element={<RolePage role="display"><DisplayPage /></RolePage>} />
        <Route path="/admin" element={<RolePage role="admin"><AdminPage /></RolePage>} />
        <Route path="/pair" element={<Suspense fallback={null}><PairPage /></Suspense>} />
        <Route path="*" element={<Navigate to="/" replace />} />
      </Routes>
    </BrowserRouter>
  );
}
