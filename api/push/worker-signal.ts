/** Wakes the delivery worker of this process when a message is published (others poll). */
let wake: (() => void) | null = null;

/** Called by the worker to be woken. */
export function onDeliveryNotice(fn: () => void): void {
  wake = fn;
}

/** Tells the worker there is new work. */
export function notifyDelivery(): void {
  wake?.();
}
