// A thread that encrypts push messages for the pool in encrypt-pool.ts: the per-message ECDH is
// most of fan-out's cost, and on its own thread it runs beside the requests going out.
import { parentPort } from 'node:worker_threads';
import { encryptPayload } from './encrypt.ts';
import type { EncryptJob, EncryptReply } from './encrypt-pool.ts';

parentPort?.on('message', (job: EncryptJob) => {
  const payload = Buffer.from(job.payload);
  const bodies = job.targets.map(([p256dh, auth]) => {
    try {
      return encryptPayload(payload, Buffer.from(p256dh, 'base64url'), Buffer.from(auth, 'base64url'));
    } catch {
      // A key that is not a P-256 point: this one message fails, the rest go on.
      return null;
    }
  });
  // One buffer for the whole chunk, moved (not copied) back to the main thread.
  const total = bodies.reduce((n, b) => n + (b?.length ?? 0), 0);
  const out = new Uint8Array(total);
  const lengths: number[] = [];
  let at = 0;
  for (const b of bodies) {
    lengths.push(b ? b.length : -1);
    if (b) out.set(b, at);
    at += b?.length ?? 0;
  }
  const reply: EncryptReply = { id: job.id, data: out, lengths };
  parentPort?.postMessage(reply, [out.buffer]);
});
