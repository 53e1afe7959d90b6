/**
 * The region's ledger of what it has applied from each hall below: exactly once by (hall id, seq), and the ranges it
 * is still missing. Pure: `offer` says whether to apply a record and which ranges to ask the hall for.
 *
 * Why ranges and not a "last seq": QoS 1 redelivers (duplicates) and a bridge that was down longer than the brokers
 * kept messages loses some, so records arrive out of order, twice, or never until asked for.
 */

export interface SeqRange {
  /** inclusive */
  from: number;
  /** inclusive */
  to: number;
}

export interface HallLedger {
  /** Every seq ≤ contiguous has been applied. */
  contiguous: number;
  /** Applied seqs above `contiguous` (arrived ahead of a gap). */
  ahead: ReadonlySet<number>;
}

export const emptyLedger: HallLedger = { contiguous: 0, ahead: new Set() };

export interface Offer {
  ledger: HallLedger;
  /** True when the record is new: apply it. False for a duplicate. */
  apply: boolean;
}

/** Offers one record's seq to the ledger. */
export function offer(ledger: HallLedger, seq: number): Offer {
  if (seq <= ledger.contiguous || ledger.ahead.has(seq)) return { ledger, apply: false };
  if (seq !== ledger.contiguous + 1) {
    const ahead = new Set(ledger.ahead);
    ahead.add(seq);
    return { ledger: { contiguous: ledger.contiguous, ahead }, apply: true };
  }
  let contiguous = seq;
  const ahead = new Set(ledger.ahead);
  while (ahead.delete(contiguous + 1)) contiguous++;
  return { ledger: { contiguous, ahead }, apply: true };
}

/** The ranges not yet applied up to `upTo` (the hall's last announced seq). */
export function missing(ledger: HallLedger, upTo: number): SeqRange[] {
  const out: SeqRange[] = [];
  let from = ledger.contiguous + 1;
  const sorted = [...ledger.ahead].sort((a, b) => a - b);
  for (const s of sorted) {
    if (s > from) out.push({ from, to: Math.min(s - 1, upTo) });
    from = s + 1;
    if (from > upTo) break;
  }
  if (from <= upTo) out.push({ from, to: upTo });
  return out.filter((r) => r.from <= r.to);
}
