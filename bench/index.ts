/**
 * The benchmark registry: one entry per capability, each in its own file.
 */
import { checkBench } from "./check.bench";

export type Bench = () => Promise<Record<string, unknown>>;

export const benches: Record<string, Bench> = {
  check: checkBench,
};
