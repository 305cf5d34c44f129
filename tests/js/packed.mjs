// A reader of the back ends' packed results (bindings-node/src/packed.rs),
// written from the format apart from the facade's own reader, for the tests
// that call a back end directly (the parity and differential tests).
//
//   fields(packed, kinds) -> [field, ...]   (a non-string is returned as it is)
//   pack(...texts) -> the texts packed as arguments (undefined/null: absent)
//
// `kinds` has one letter per field: `t` text, `n` number, `b` boolean; an
// absent field is `null`. Throws on anything the format does not allow.

export const EVENT = "ttttn";
export const REPORT = "ttnnttttttttbtt";
export const PAYOUT = "tnttt";
export const CONFIRMATION = "tttntb";
export const WEBHOOK_RESULT = "ttttbt";
export const REQUEST = "tt";

const bits = new DataView(new ArrayBuffer(8));

export function fields(packed, kinds) {
  if (typeof packed !== "string") return packed;
  const bad = (why, at) => new Error(`packed result ${JSON.stringify(packed)}: ${why} at ${at}`);
  const out = [];
  let at = 0;
  for (const kind of kinds) {
    const c = packed[at];
    if (c === "~") {
      at++;
      out.push(null);
      continue;
    }
    if (kind === "b") {
      if (c !== "t" && c !== "f") throw bad("not a boolean", at);
      at++;
      out.push(c === "t");
      continue;
    }
    const colon = packed.indexOf(":", at);
    const digits = packed.slice(at, colon);
    if (colon < 0 || !/^(0|[1-9][0-9]*)$/.test(digits)) throw bad("no length", at);
    const start = colon + 1;
    at = start + Number(digits);
    if (at > packed.length) throw bad("a text past the end", start);
    const text = packed.slice(start, at);
    if (kind === "t") out.push(text);
    else if (/^-?(0|[1-9][0-9]*)$/.test(text)) out.push(Number(text));
    else if (/^x[0-9a-f]{16}$/.test(text)) {
      bits.setUint32(0, parseInt(text.slice(1, 9), 16));
      bits.setUint32(4, parseInt(text.slice(9), 16));
      out.push(bits.getFloat64(0));
    } else throw bad("not a number", start);
  }
  if (at !== packed.length) throw bad(`${kinds.length} fields end before the string`, at);
  return out;
}

export function pack(...texts) {
  return texts.map((t) => (t === undefined || t === null ? "~" : `${t.length}:${t}`)).join("");
}
