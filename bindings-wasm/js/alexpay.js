// JavaScript half of the wasm binding: the error class and the plain request
// object. wasm-bindgen copies this file into every build (snippets/) and the
// generated module re-exports `AlexpayError` from it. No behaviour lives here:
// codes, fields and messages all come from the Rust core.

const REDACTED = "[REDACTED]";
const SECRET_HEADER = "secret-key";
const NODE_INSPECT = Symbol.for("nodejs.util.inspect.custom");
const DENO_INSPECT = Symbol.for("Deno.customInspect");

/** Every error the SDK raises on purpose. Properties mirror the Rust core. */
export class AlexpayError extends Error {
  constructor(message, details) {
    super(message);
    const d = details || {};
    this.code = d.code;
    if (d.field !== undefined && d.field !== null) this.field = d.field;
    if (d.httpStatus !== undefined && d.httpStatus !== null) this.httpStatus = d.httpStatus;
    this.retryable = d.retryable === true;
    if (d.apiCode !== undefined && d.apiCode !== null) this.apiCode = d.apiCode;
    if (d.apiMessage !== undefined && d.apiMessage !== null) this.apiMessage = d.apiMessage;
    if (d.payoutId !== undefined && d.payoutId !== null) this.payoutId = d.payoutId;
    this.family = d.family;
  }
}
Object.defineProperty(AlexpayError.prototype, "name", {
  value: "AlexpayError",
  writable: true,
  configurable: true,
});

export function makeError(message, code, family, field, httpStatus, retryable, apiCode, apiMessage, payoutId) {
  return new AlexpayError(message, { code, family, field, httpStatus, retryable, apiCode, apiMessage, payoutId });
}

function hide(target, key, value) {
  Object.defineProperty(target, key, { value, enumerable: false, writable: true, configurable: true });
}

function redactedHeaders(headers) {
  const out = {};
  for (const name of Object.keys(headers)) {
    out[name] = name.toLowerCase() === SECRET_HEADER ? REDACTED : headers[name];
  }
  return out;
}

function redacted(request) {
  const out = { method: request.method, url: request.url, headers: redactedHeaders(request.headers) };
  if (request.body !== undefined) {
    out.body = typeof TextDecoder === "function" ? new TextDecoder().decode(request.body) : "[bytes]";
  }
  return out;
}

// A plain object `fetch(request.url, request)` accepts as it is. Logging it
// (JSON.stringify, Node's util.inspect, Deno.inspect) shows the secret-key
// header as [REDACTED]; the hooks are non-enumerable, so fetch never sees them.
// The headers object itself stays a plain record (fetch reads every own key).
export function makeRequest(method, url, headers, body) {
  const request = { method, url, headers };
  if (body !== undefined) request.body = body;
  hide(request, "toJSON", function toJSON() {
    return redacted(this);
  });
  hide(request, NODE_INSPECT, function inspect() {
    return redacted(this);
  });
  hide(request, DENO_INSPECT, function inspect(inspectFn, options) {
    return inspectFn(redacted(this), options);
  });
  return request;
}

export function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  const t = typeof value;
  if (t === "object") {
    const ctor = Object.getPrototypeOf(value);
    if (ctor === null || ctor === Object.prototype) return "a plain object";
    const name = ctor.constructor && ctor.constructor.name;
    return name ? `a ${name}` : "an object";
  }
  return t === "undefined" ? "undefined" : `a ${t}`;
}
