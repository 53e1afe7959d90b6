import type { AppointmentView } from '@onedoor/protocol';
import type { AppointmentRecord } from '../ports.js';

/** A booking as clients see it: masked, without the keyed hash. */
export const appointmentView = ({
  holderKey: _k,
  businessDay: _d,
  channel: _c,
  platformRef: _p,
  ...view
}: AppointmentRecord): AppointmentView => view;
