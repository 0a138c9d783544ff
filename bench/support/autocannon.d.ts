// autocannon 9 ships no types: the part of its programmatic API the benchmark uses.
declare module "autocannon" {
  import type { EventEmitter } from "node:events";
  type Options = { url: string; connections?: number; duration?: number; headers?: Record<string, string>; timeout?: number; pipelining?: number };
  type Result = {
    requests: { average: number; total: number };
    non2xx: number;
    errors: number;
    timeouts: number;
    duration: number;
    latency: Record<string, number>;
  };
  type Instance = EventEmitter & PromiseLike<Result>;
  function autocannon(opts: Options): Instance;
  export default autocannon;
}
