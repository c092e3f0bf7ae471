/**
 * What one process of the shared rate-limit test saw, in the order it happened there: each slot
 * granted to it, bounded on the machine's monotonic clock by when its request to the store left
 * and when the answer came back, and each start of the method's body. {@link pairSlots} tells
 * from it which slot each call started on.
 */
export type SlotEvent =
  /**
   * A slot granted. `for` is the call that took it itself (its first take, in its own async
   * context), or null for a slot taken by the queue of waiting calls, which goes to its head.
   */
  | { readonly granted: readonly [sent: number, answered: number]; readonly for: number | null }
  /** The body of call `started` began, at `at`. */
  | { readonly started: number; readonly at: number };

/** Each call's slot, by call, and whatever the log shows that a correct limit never does. */
export interface Pairing {
  readonly slots: ReadonlyMap<number, readonly [sent: number, answered: number]>;
  readonly problems: readonly string[];
}

/**
 * Pairs each start with the slot it began on. A call that took its slot itself has it by name.
 * A slot the queue took went to its head, which starts in the same turn of the event loop — before
 * the queue's next take, which waits on the store, can be answered — so such slots and starts
 * alternate, and each start pairs with the one slot handed out before it. Anything else is a
 * problem: a start with no slot granted before it (a call let through without one, or ahead of
 * it), a queue slot granted while the last one went to no call yet, a slot no call used.
 */
export function pairSlots(log: readonly SlotEvent[]): Pairing {
  const slots = new Map<number, readonly [number, number]>();
  const problems: string[] = [];
  const own = new Map<number, readonly [number, number]>();
  let handed: readonly [number, number] | undefined;
  for (const event of log) {
    if ('granted' in event) {
      if (event.for !== null) own.set(event.for, event.granted);
      else if (handed !== undefined) problems.push(`the queue was granted a slot at ${event.granted[1].toFixed(2)} while the one it got at ${handed[1].toFixed(2)} had started no call`);
      else handed = event.granted;
      continue;
    }
    const id = event.started;
    if (slots.has(id)) problems.push(`call ${id} started twice`);
    const slot = own.get(id) ?? handed;
    if (slot === undefined) {
      problems.push(`call ${id} started at ${event.at.toFixed(2)} holding no slot`);
      continue;
    }
    if (own.delete(id) === false) handed = undefined;
    slots.set(id, slot);
  }
  for (const [id] of own) problems.push(`call ${id} took a slot it never started on`);
  if (handed !== undefined) problems.push(`the queue's slot granted at ${handed[1].toFixed(2)} started no call`);
  return { slots, problems };
}
