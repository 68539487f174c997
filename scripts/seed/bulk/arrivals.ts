/**
 * When bulk-seeded tickets arrive: over the window, volume triples (the
 * business grows), follows the week (quiet weekends) and the day (a European
 * and American working day, in UTC), with day-to-day noise and the odd
 * incident spike. The exact count is spread over hourly slots by largest
 * remainder, so the total is exact; times come out in ascending order, which
 * is what lets ticket numbers ascend with creation.
 */
import type { Random } from "../random";

const HOUR = 3_600_000;
const DAY = 86_400_000;
// Relative volume per UTC hour of the day and per UTC weekday (0 = Sunday).
const hourWeights = [2, 1.5, 1.2, 1, 1, 1.2, 2, 3.5, 6, 8, 9, 9, 8.5, 9, 9.5, 9, 8, 7, 5.5, 4.5, 4, 3.5, 3, 2.5];
const weekdayWeights = [0.35, 1.15, 1.1, 1.05, 1, 0.9, 0.4];
const GROWTH = 3;

export function* arrivalTimes(total: number, windowStart: number, now: number, random: Random): Generator<number> {
  const firstSlot = Math.floor(windowStart / HOUR) * HOUR;
  const slots = Math.ceil((now - firstSlot) / HOUR);
  const weights = new Float64Array(slots);
  const dayNoise = new Map<number, number>();
  let sum = 0;
  for (let s = 0; s < slots; s += 1) {
    const start = firstSlot + s * HOUR;
    const inside = (Math.min(start + HOUR, now) - Math.max(start, windowStart)) / HOUR;
    const day = Math.floor(start / DAY);
    let noise = dayNoise.get(day);
    if (noise === undefined) dayNoise.set(day, (noise = (0.85 + 0.3 * random.next()) * (random.chance(0.01) ? 2.5 : 1)));
    const date = new Date(start);
    const growth = Math.pow(GROWTH, (start - windowStart) / (now - windowStart));
    const weight = Math.max(0, inside) * growth * noise * (weekdayWeights[date.getUTCDay()] ?? 1) * (hourWeights[date.getUTCHours()] ?? 1);
    weights[s] = weight;
    sum += weight;
  }
  // Largest remainder: floor every share, then hand the rest to the biggest fractions.
  const counts = new Uint32Array(slots);
  const fractions: [number, number][] = [];
  let given = 0;
  for (let s = 0; s < slots; s += 1) {
    const exact = ((weights[s] ?? 0) / sum) * total;
    counts[s] = Math.floor(exact);
    given += counts[s] ?? 0;
    fractions.push([exact - Math.floor(exact), s]);
  }
  fractions.sort((a, b) => b[0] - a[0]);
  for (let i = 0; i < total - given; i += 1) {
    const slot = fractions[i % fractions.length]?.[1] ?? 0;
    counts[slot] = (counts[slot] ?? 0) + 1;
  }
  for (let s = 0; s < slots; s += 1) {
    const n = counts[s] ?? 0;
    if (n === 0) continue;
    const from = Math.max(firstSlot + s * HOUR, windowStart);
    const to = Math.min(firstSlot + (s + 1) * HOUR, now);
    const times = Array.from({ length: n }, () => from + Math.floor(random.next() * (to - from)));
    times.sort((a, b) => a - b);
    yield* times;
  }
}
