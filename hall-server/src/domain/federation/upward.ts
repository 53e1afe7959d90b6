/**
 * What of a record leaves the hall for the level above. The keyed hash of a real-name holder's ID number (`holder.key`)
 * stays home: it links one person's visits, and a county or city counts visits, it does not follow people. The
 * masked name and number (张*三, 4201**********1234) go up: they are what any public screen of the hall shows.
 */
export function upwardPayload(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(upwardPayload);
  if (typeof payload !== 'object' || payload === null) return payload;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(payload)) {
    if (k === 'holder' && typeof v === 'object' && v !== null && !Array.isArray(v)) {
      const { key: _key, ...rest } = v as Record<string, unknown>;
      out[k] = upwardPayload(rest);
    } else out[k] = upwardPayload(v);
  }
  return out;
}

/** A record's events with their payloads made fit to go up. */
export function upwardRecord<R extends { events: readonly { payload: unknown }[] }>(record: R): R {
  return { ...record, events: record.events.map((e) => ({ ...e, payload: upwardPayload(e.payload) })) };
}
