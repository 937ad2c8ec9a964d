// autocannon for the benchmarks, typed: the package ships no types of its own.
import { createRequire } from 'node:module';

/** The part of autocannon's result the benchmarks read. */
export interface Cannon {
  requests: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}

/** One request of a scripted sequence. */
export type CannonRequest = { method?: string; path?: string; headers?: Record<string, string>; body?: string };

export interface CannonOptions {
  url: string;
  connections: number;
  /** Seconds. */
  duration: number;
  headers?: Record<string, string>;
  requests?: Array<CannonRequest & { setupRequest?: (req: CannonRequest, context: Record<string, unknown>) => CannonRequest }>;
}

export const autocannon = createRequire(import.meta.url)('autocannon') as (opts: CannonOptions) => Promise<Cannon>;

/** The run with the highest throughput: benchmarks compare best against best. */
export const bestOf = (runs: Cannon[]): Cannon => runs.reduce((x, y) => (y.requests.average > x.requests.average ? y : x));
