/**
 * Progress of a long seed on stderr: a bar redrawn in place on a terminal
 * (done / total, rate, ETA), or a plain line every few seconds when stderr is
 * a file or a pipe (CI logs, `2> seed.log`).
 */
export interface SeedProgress {
  /** A step without a count ("Building index messages_body_search_idx…"). */
  note(text: string): void;
  start(total: number, unit: string): void;
  advance(count: number): void;
  finish(): void;
}

export const silentProgress: SeedProgress = { note() {}, start() {}, advance() {}, finish() {} };

function duration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

const number = (n: number) => Math.round(n).toLocaleString("en-US");

export function stderrProgress(stream: NodeJS.WriteStream = process.stderr, plainEverySeconds = 10): SeedProgress {
  const tty = Boolean(stream.isTTY);
  let total = 0;
  let unit = "";
  let done = 0;
  let startedAt = 0;
  let lastDrawn = 0;
  let barShown = false;

  const line = () => {
    const elapsed = (Date.now() - startedAt) / 1000;
    const rate = elapsed > 0 ? done / elapsed : 0;
    const eta = rate > 0 ? (total - done) / rate : Infinity;
    const share = total > 0 ? done / total : 1;
    return { elapsed, rate, eta, share, text: `${number(done)} / ${number(total)} ${unit} · ${number(rate)}/s · ${duration(elapsed)} elapsed · ETA ${duration(eta)}` };
  };
  const draw = (force = false) => {
    const now = Date.now();
    if (tty) {
      if (!force && now - lastDrawn < 100) return;
      const { share, text } = line();
      const width = 30;
      const filled = Math.round(share * width);
      stream.write(`\r\x1b[K[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(share * 100).toFixed(1).padStart(5)}% ${text}`);
      barShown = true;
    } else {
      if (!force && now - lastDrawn < plainEverySeconds * 1000) return;
      stream.write(`${(line().share * 100).toFixed(1)}% ${line().text}\n`);
    }
    lastDrawn = now;
  };
  const endBar = () => {
    if (tty && barShown) stream.write("\n");
    barShown = false;
  };

  return {
    note(text) {
      endBar();
      stream.write(`${text}\n`);
    },
    start(count, what) {
      endBar();
      total = count;
      unit = what;
      done = 0;
      startedAt = Date.now();
      lastDrawn = tty ? 0 : startedAt;
      draw(true);
    },
    advance(count) {
      done += count;
      draw();
    },
    finish() {
      draw(true);
      endBar();
    },
  };
}
