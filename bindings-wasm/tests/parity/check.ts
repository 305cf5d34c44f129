// Type-level parity between two back ends' declarations: the napi addon's
// generated `native.d.ts` (the spec) and a wasm-bindgen build's `.d.ts`.
//
// `Verdicts<N, W>` has one key per value export of N (functions and classes);
// each is `true` when W provides the export with the same signature, or a
// string saying what differs. "The same" means mutually assignable after
// mapping N's types to W's: `Buffer` becomes `Uint8Array` (the one allowed
// difference) and each of N's classes becomes W's class of the same name.
// Parameters and results are compared as tuples/types in both directions, so
// a wasm parameter that is wider or narrower, an optional one that is
// required, or a result that is narrower or wider all fail; `any` anywhere in
// a compared position fails too (it would make every comparison pass).

type IsAny<T> = 0 extends 1 & T ? true : false;
/** `any` itself, or inside an array/tuple element (unions distribute). */
type HasAny<T> = IsAny<T> extends true ? true : T extends readonly unknown[] ? HasAny<T[number]> : false;

/** Mutually assignable (not `any`). */
export type Eq<A, B> = true extends HasAny<A> | HasAny<B>
  ? false
  : [A] extends [B]
    ? [B] extends [A]
      ? true
      : false
    : false;

type Ctor = abstract new (...args: never) => unknown;

/** The names of N's value exports that are classes. */
export type ClassNames<N> = { [K in keyof N]: N[K] extends Ctor ? K : never }[keyof N];

type Instance<C> = C extends { prototype: infer P } ? P : never;

/** W's class for N's instance type T, or never when T is none of N's classes. */
type SwapClass<T, N, W> = {
  [C in ClassNames<N>]: [T] extends [Instance<N[C]>]
    ? [Instance<N[C]>] extends [T]
      ? C extends keyof W
        ? Instance<W[C]>
        : never
      : never
    : never;
}[ClassNames<N>];

/** N's type as W must spell it. Distributes over unions. */
export type Swap<T, N, W> = T extends Buffer
  ? Uint8Array
  : [SwapClass<T, N, W>] extends [never]
    ? T extends readonly unknown[]
      ? { [I in keyof T]: Swap<T[I], N, W> }
      : T
    : SwapClass<T, N, W>;

type Fn = (...args: never) => unknown;
type Params<F> = F extends (...args: infer P) => unknown ? P : never;
type Result<F> = F extends (...args: never) => infer R ? R : never;

type FnVerdict<NF, WF, N, W, Name extends string> = WF extends Fn
  ? Eq<Swap<Params<NF>, N, W>, Params<WF>> extends true
    ? Eq<Swap<Result<NF>, N, W>, Result<WF>> extends true
      ? true
      : `${Name}: the result type differs`
    : `${Name}: the parameters differ`
  : `${Name}: not a function`;

/** Members W's classes may have beyond N's (wasm-bindgen's manual free). */
export type AllowedExtraMembers = "free" | typeof Symbol.dispose;

type MemberVerdict<NI, WI, K extends keyof NI, N, W, Name extends string> = K extends keyof WI
  ? NI[K] extends Fn
    ? FnVerdict<NI[K], WI[K], N, W, `${Name}.${K & string}`>
    : Eq<Swap<NI[K], N, W>, WI[K]> extends true
      ? true
      : `${Name}.${K & string}: the property type differs`
  : `${Name}.${K & string}: missing`;

type ClassVerdict<NI, WI, N, W, Name extends string> = [Exclude<keyof WI, keyof NI | AllowedExtraMembers>] extends [never]
  ? { [K in keyof NI]-?: MemberVerdict<NI, WI, K, N, W, Name> }[keyof NI] extends true
    ? true
    : Exclude<{ [K in keyof NI]-?: MemberVerdict<NI, WI, K, N, W, Name> }[keyof NI], true>
  : `${Name}: members napi lacks: ${Exclude<keyof WI, keyof NI | AllowedExtraMembers> & string}`;

type Verdict<N, W, K extends keyof N> = K extends keyof W
  ? N[K] extends Ctor
    ? W[K] extends { prototype: unknown }
      ? ClassVerdict<Instance<N[K]>, Instance<W[K]>, N, W, K & string>
      : `${K & string}: not a class`
    : N[K] extends Fn
      ? FnVerdict<N[K], W[K], N, W, K & string>
      : Eq<N[K], W[K]> extends true
        ? true
        : `${K & string}: the type differs`
  : `${K & string}: missing`;

/** One verdict per value export of N except `Ignore`. */
export type Verdicts<N, W, Ignore extends PropertyKey = never> = {
  [K in Exclude<keyof N, Ignore>]: Verdict<N, W, K>;
};

/** W's value exports that N lacks (beyond `Allow`). */
export type Extras<N, W, Allow extends PropertyKey = never> = Exclude<keyof W, keyof N | Allow>;

/** Assigning `Verdicts` to this fails, naming each export that differs. */
export type AllTrue<V> = { [K in keyof V]: true };

/**
 * The failing verdicts only: assigning `{}` to it fails, and tsc names every
 * failing export ("missing the following properties: ..."), where a failing
 * `AllTrue` shows only the first one, with its message.
 */
export type Failing<V> = { [K in keyof V as V[K] extends true ? never : K]: V[K] };

/** Every failing verdict of V as one union of messages (never when all pass). */
export type Failures<V> = Exclude<V[keyof V], true>;
