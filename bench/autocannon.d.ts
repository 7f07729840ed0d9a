// autocannon ships no types; the part the HTTP benchmarks use.
declare module 'autocannon' {
  interface Request {
    method?: string;
    path?: string;
    body?: string;
    headers?: Record<string, string>;
  }
  interface Options {
    url: string;
    connections?: number;
    amount?: number;
    duration?: number;
    requests?: (Request & { setupRequest?: (req: Request) => Request; onResponse?: (status: number) => void })[];
  }
  interface Histogram {
    average: number;
    p99: number;
    p50: number;
    /** Requests counted (the requests histogram only). */
    total: number;
  }
  interface Result {
    requests: Histogram;
    latency: Histogram;
    non2xx: number;
    errors: number;
    timeouts: number;
  }
  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
