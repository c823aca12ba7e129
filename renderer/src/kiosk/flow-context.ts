import { createContext, useContext } from 'react';
import type { HallInfo } from '../../../shared/contract';
import type { CaseLookup, KioskForm, KioskState, KioskStep } from './kiosk-flow';

/** What every step needs: the state, the hall, and the ways to move through the flow. */
export interface KioskFlow {
  state: KioskState;
  form: KioskForm;
  info: HallInfo;
  /** YYYY-MM-DD in the hall's time zone (for the ID's birth date check and age). */
  today: string;
  /** The hall honours priority reasons a visitor may declare: the priority step is shown. */
  offerPriority: boolean;
  /** The visitor's age when the ID gives them the hall's elderly priority; otherwise null. */
  elderlyAge: number | null;
  /** "Step 2 of 7" for the steps between choosing and the ticket; null elsewhere. */
  progress: { current: number; total: number } | null;
  update(changes: Partial<KioskForm>): void;
  next(): void;
  back(): void;
  goTo(step: KioskStep): void;
  /** Back to the attract screen, everything entered wiped (the same visitor may begin again). */
  startOver(): void;
  /** The visit is over: wiped, and the kiosk's language and text size restored for the next visitor. */
  endVisit(): void;
  registerAtWindow(): void;
  issue(): void;
  /** "Check my case": to the look-up's first step, everything else wiped. */
  startCaseLookup(): void;
  updateCaseLookup(changes: Partial<CaseLookup>): void;
  /** Sends the typed case number and digits (kiosk.caseStatus). */
  checkCase(): void;
}

export const KioskFlowContext = createContext<KioskFlow | null>(null);

export function useKioskFlow(): KioskFlow {
  const flow = useContext(KioskFlowContext);
  if (!flow) throw new Error('useKioskFlow outside the kiosk');
  return flow;
}
