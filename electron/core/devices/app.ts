import type { MethodHandler } from '../rpc/dispatcher';
import type { DeviceService } from './device-service';

type Method = 'devices.createPairingCode' | 'devices.pair' | 'devices.list' | 'devices.revoke';

/** Device pairing on the contract (shared/contract/device-methods.ts). */
export function deviceHandlers(devices: DeviceService): { [N in Method]: MethodHandler<N> } {
  return {
    'devices.createPairingCode': ({ kind, name }, context) => devices.createPairingCode(kind, name, context.staff?.id ?? null),
    'devices.pair': ({ code }) => devices.pair(code),
    'devices.list': () => ({ devices: devices.list() }),
    'devices.revoke': ({ deviceId }, context) => devices.revoke(deviceId, context.staff?.id ?? null),
  };
}
