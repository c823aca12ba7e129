import type { KioskDevices } from '../../../shared/domain/kiosk-settings';
import type { MethodHandler } from '../rpc/dispatcher';
import type { HallConfig } from './hall-config';
import type { HallStore } from './hall-store';

type HallMethod =
  | 'hall.info' | 'hall.saveSettings' | 'hall.saveQueueRules' | 'hall.saveKioskSettings' | 'hall.saveService' | 'hall.removeService' | 'hall.saveWindow'
  | 'hall.removeWindow';

/** `devices`: which of the kiosk's devices this host has attached (reported in hall.info). */
export function hallHandlers(hall: HallStore, config: HallConfig, devices: KioskDevices): { [N in HallMethod]: MethodHandler<N> } {
  return {
    'hall.info': () => ({ ...hall.info(), devices }),
    'hall.saveSettings': (settings) => config.saveSettings(settings),
    'hall.saveQueueRules': (rules) => config.saveQueueRules(rules),
    'hall.saveKioskSettings': (settings) => config.saveKioskSettings(settings),
    'hall.saveService': (service) => config.saveService(service),
    'hall.removeService': ({ id }) => {
      config.removeService(id);
      return {};
    },
    'hall.saveWindow': (window) => config.saveWindow(window),
    'hall.removeWindow': ({ id }) => {
      config.removeWindow(id);
      return {};
    },
  };
}
