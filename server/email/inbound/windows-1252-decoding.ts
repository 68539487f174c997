import "server-only";

/**
 * Some Node versions (seen on Node 20.20) decode windows-1252 wrongly in a
 * single TextDecoder call: bytes 0x80–0x9F (€ “ ” – — ™ …) are dropped,
 * while the streaming path decodes them right. Windows-1252 is also what
 * the labels iso-8859-1, latin1 and us-ascii mean to TextDecoder, so this
 * hits a large share of real-world mail. postal-mime decodes with the global
 * TextDecoder; this replaces it, once and only where the defect is present,
 * with one that routes windows-1252 through the streaming path.
 */
export function repairWindows1252Decoding(): void {
  const Original = globalThis.TextDecoder;
  if (new Original("windows-1252").decode(new Uint8Array([0x80, 0x93])) === "€“") return;

  class RepairedTextDecoder extends Original {
    override decode(input?: AllowSharedBufferSource, options?: TextDecodeOptions): string {
      if (this.encoding !== "windows-1252" || options?.stream) return super.decode(input, options);
      return super.decode(input, { stream: true }) + super.decode();
    }
  }
  globalThis.TextDecoder = RepairedTextDecoder;
}
