import { useCallback, useEffect, useRef, useState } from 'react';
import { App } from 'antd';
import {
  createRestClient,
  type AlarmThresholdsView,
  type CalendarOverride,
  type DeviceView,
  type RestAnswer,
  type RestClient,
  type ServiceConfig,
  type StaffView,
  type WindowConfig,
} from '@onedoor/protocol';

/** Everything the configuration screens show, as the server has it now. */
export interface ConfigData {
  hallName: string;
  timeZone: string;
  notice: string;
  services: ServiceConfig[];
  windows: WindowConfig[];
  staff: StaffView[];
  devices: DeviceView[];
  thresholds: AlarmThresholdsView | null;
  retentionDays: number | null;
  overrides: CalendarOverride[];
}

const EMPTY: ConfigData = {
  hallName: '',
  timeZone: 'Asia/Shanghai',
  notice: '',
  services: [],
  windows: [],
  staff: [],
  devices: [],
  thresholds: null,
  retentionDays: null,
  overrides: [],
};

export interface ConfigHook {
  client: RestClient;
  data: ConfigData;
  /** The last refusal, as the server worded it (Chinese), until the next change goes through. */
  failure: string | null;
  clearFailure(): void;
  refresh(): Promise<void>;
  /**
   * Runs one change: on success a short message and a fresh read of everything; on a refusal the server's message
   * stays in the page's error bar and nothing is re-read (nothing changed).
   */
  save<T>(label: string, answer: Promise<RestAnswer<T>>): Promise<T | null>;
}

export function useConfigData(origin: string, token: string, onUnauthorized: (m: string) => void): ConfigHook {
  const { message } = App.useApp();
  const client = useRef(createRestClient({ origin, token: () => token })).current;
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;
  const [data, setData] = useState<ConfigData>(EMPTY);
  const [failure, setFailure] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    const [snap, services, windows, staff, devices, thresholds, retention, calendar] = await Promise.all([
      client.call('GET /api/snapshot', {}),
      client.call('GET /api/services', {}),
      client.call('GET /api/windows', {}),
      client.call('GET /api/staff', {}),
      client.call('GET /api/devices', {}),
      client.call('GET /api/alarms/thresholds', {}),
      client.call('GET /api/settings/retention', {}),
      client.call('GET /api/calendar', { query: { days: '1' } }),
    ]);
    for (const a of [snap, services, windows, staff, devices, thresholds, retention, calendar])
      if (!a.ok && a.status === 401) return unauthorized.current(a.error.message);
    setData({
      hallName: snap.ok ? snap.data.hallName : '',
      timeZone: snap.ok ? snap.data.timeZone : EMPTY.timeZone,
      notice: snap.ok ? snap.data.notice : '',
      services: services.ok ? services.data : [],
      windows: windows.ok ? windows.data : [],
      staff: staff.ok ? staff.data : [],
      devices: devices.ok ? devices.data : [],
      thresholds: thresholds.ok ? thresholds.data : null,
      retentionDays: retention.ok ? retention.data.personalDataDays : null,
      overrides: calendar.ok ? calendar.data.overrides : [],
    });
  }, [client]);
  useEffect(() => void refresh(), [refresh]);

  const save = useCallback(
    async <T>(label: string, answer: Promise<RestAnswer<T>>): Promise<T | null> => {
      const r = await answer;
      if (!r.ok) {
        if (r.status === 401) unauthorized.current(r.error.message);
        // Both languages, as the server wrote them: the hall's IT staff may not read Chinese.
        else setFailure(`${label}未成功：${r.error.message}（${r.error.messageEn}）`);
        return null;
      }
      setFailure(null);
      void message.success({ content: `${label}已保存`, duration: 1.5 });
      await refresh();
      return r.data;
    },
    [message, refresh],
  );

  return { client, data, failure, clearFailure: () => setFailure(null), refresh, save };
}
