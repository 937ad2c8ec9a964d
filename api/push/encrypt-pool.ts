import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { encryptPayload } from './encrypt.ts';

/**
 * A chunk of messages for one worker: the same payload for several subscriptions' keys. Keys go as
 * their base64url text: a Buffer would be cloned with the whole 8 KB pool slab it sits in.
 */
export interface EncryptJob {
  id: number;
  payload: Uint8Array;
  targets: Array<[p256dh: string, auth: string]>;
}

/** The encrypted bodies of a chunk, end to end, with each one's length (-1 when its key was bad). */
export interface EncryptReply {
  id: number;
  data: Uint8Array;
  lengths: number[];
}

/** Encrypts push messages, on worker threads when there are any; null for a subscription whose key is unusable. */
export interface Encryptor {
  /** Keys as a subscription gives them (base64url). */
  encrypt(payload: Buffer, p256dh: string, auth: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

/** Most messages sent to a worker at once: enough to make a message's overhead small, few enough to keep requests flowing. */
const CHUNK = 32;

/** Threads for encryption when not configured: the cores left over after the main thread, at most four. */
export const defaultCryptoThreads = () => Math.min(4, Math.max(1, availableParallelism() - 1));

interface Pending {
  payload: Buffer;
  p256dh: string;
  auth: string;
  resolve(body: Buffer | null): void;
  reject(err: unknown): void;
}

/**
 * An encryption pool. With `threads` 0 it encrypts in place (what a single test notification
 * needs); otherwise requests made in the same turn of the event loop are grouped by payload and
 * handed to the least busy worker in chunks.
 */
export function createEncryptor(threads: number): Encryptor {
  if (threads <= 0)
    return {
      encrypt: (payload, p256dh, auth) => {
        try {
          return Promise.resolve(encryptPayload(payload, Buffer.from(p256dh, 'base64url'), Buffer.from(auth, 'base64url')));
        } catch {
          return Promise.resolve(null);
        }
      },
      close: () => Promise.resolve(),
    };
  let closing = false;
  interface Slot {
    worker: Worker;
    inFlight: Map<number, Pending[]>;
  }
  const start = (slot: Slot): Slot => {
    const worker = new Worker(new URL('./encrypt-worker.ts', import.meta.url));
    slot.worker = worker;
    const fail = (err: unknown) => {
      for (const jobs of slot.inFlight.values()) for (const j of jobs) j.reject(err);
      slot.inFlight.clear();
    };
    worker.on('message', (reply: EncryptReply) => {
      const jobs = slot.inFlight.get(reply.id) ?? [];
      slot.inFlight.delete(reply.id);
      const data = Buffer.from(reply.data.buffer, reply.data.byteOffset, reply.data.byteLength);
      let at = 0;
      jobs.forEach((j, i) => {
        const length = reply.lengths[i] ?? -1;
        if (length < 0) return j.resolve(null);
        j.resolve(data.subarray(at, at + length));
        at += length;
      });
    });
    worker.on('error', fail);
    // A thread that dies takes its chunks with it (they are retried later); a new one takes its place.
    worker.on('exit', () => {
      fail(new Error('push encryption thread stopped'));
      if (!closing && slot.worker === worker) start(slot);
    });
    return slot;
  };
  const workers: Slot[] = Array.from({ length: threads }, () => start({ worker: null as unknown as Worker, inFlight: new Map() }));
  let queue: Pending[] = [];
  let scheduled = false;
  let nextId = 0;
  const flush = () => {
    scheduled = false;
    if (closing) return;
    // Messages of one delivery share their payload object; a chunk carries one payload.
    const groups = new Map<Buffer, Pending[]>();
    for (const p of queue) {
      const group = groups.get(p.payload);
      if (group) group.push(p);
      else groups.set(p.payload, [p]);
    }
    queue = [];
    for (const [payload, list] of groups)
      for (let i = 0; i < list.length; i += CHUNK) {
        const chunk = list.slice(i, i + CHUNK);
        const w = workers.reduce((a, b) => (b.inFlight.size < a.inFlight.size ? b : a));
        // A compact copy of the payload, for the same reason as the keys.
        const job: EncryptJob = { id: nextId++, payload: new Uint8Array(payload), targets: chunk.map((j) => [j.p256dh, j.auth]) };
        w.inFlight.set(job.id, chunk);
        w.worker.postMessage(job);
      }
  };
  const schedule = () => {
    scheduled = true;
    setImmediate(flush);
  };
  return {
    encrypt: (payload, p256dh, auth) =>
      new Promise((resolve, reject) => {
        if (closing) return reject(new Error('push encryption closed'));
        queue.push({ payload, p256dh, auth, resolve, reject });
        if (!scheduled) schedule();
      }),
    close: async () => {
      closing = true;
      // Nothing waits forever on a closed pool: queued jobs fail now, in-flight ones when their thread exits.
      for (const p of queue.splice(0)) p.reject(new Error('push encryption closed'));
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}
