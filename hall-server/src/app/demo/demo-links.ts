import type { AuthService } from '../auth/auth.js';
import type { Clock, DemoLinkStore, PersonalDataVault } from '../ports.js';

/**
 * How a printed demo device stands at this start:
 * - `issued`: first start (or first time for this device): a token was made and kept for the next starts;
 * - `kept`: the token printed at an earlier start still pairs the device, so the same link works again;
 * - `repaired`: someone paired the device again with a code from the console, so its screen holds a token we do not
 *   know — it keeps working and no link is printed;
 * - `unpaired`: the device was unpaired (or its pairing revoked) since: it waits for a pairing code.
 */
export type DemoLinkState = 'issued' | 'kept' | 'repaired' | 'unpaired';

export interface DemoLink {
  deviceId: string;
  state: DemoLinkState;
  /** The device token to print (issued or kept), else null. */
  token: string | null;
}

/**
 * The demo hall's printed links (`/kiosk/#token=…`, `/display/#token=…`, the virtual devices' gateway) survive
 * restarts: a device's demo token is issued once, kept sealed with the hall's data key, and printed again on every
 * start as long as it still pairs that device. A device paired again from the console, or unpaired, is never touched
 * — a restart must not un-pair a screen (peers §3.4: a hall's screens going dark after a power cut).
 */
export class DemoLinks {
  constructor(
    private readonly deps: { store: DemoLinkStore; vault: PersonalDataVault; auth: AuthService; clock: Clock },
  ) {}

  link(deviceId: string): DemoLink {
    const { store, vault, auth, clock } = this.deps;
    const sealed = store.findDemoLink(deviceId);
    if (sealed === null) {
      // Never linked by the demo: pair it now unless an installer already paired it with a code.
      if (auth.device(deviceId)?.paired) return { deviceId, state: 'repaired', token: null };
      const token = auth.issueDeviceToken(deviceId);
      store.saveDemoLink(deviceId, vault.seal({ token }), new Date(clock.now()).toISOString());
      return { deviceId, state: 'issued', token };
    }
    const { token } = vault.open<{ token: string }>(sealed);
    if (auth.deviceForToken(token)?.id === deviceId) return { deviceId, state: 'kept', token };
    return { deviceId, state: auth.device(deviceId)?.paired ? 'repaired' : 'unpaired', token: null };
  }
}
