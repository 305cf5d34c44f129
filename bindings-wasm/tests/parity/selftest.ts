// Proves the rules in check.ts catch each kind of mismatch: `N` plays
// native.d.ts, `Good` a conforming wasm-bindgen build, and each other
// namespace differs in one way that must fail (`@ts-expect-error` makes tsc
// fail if it does not).
import type { Extras, Failures, Verdicts } from "./check";

type Passes<W> = [Failures<Verdicts<typeof N, W, "__napiBindingTarget">>] extends [never] ? true : false;
type NoExtras<W> = [Extras<typeof N, W>] extends [never] ? true : false;
type S = string | number | boolean | undefined | null;

declare namespace N {
  const __napiBindingTarget: "native";
  class Thing {
    get id(): string;
    run(at: number, body: Buffer, headers: Array<string>): Array<S> | Fail;
    done(): Fail | null;
  }
  class Fail {
    code: string;
    field?: string;
  }
  function make(id: string, opt?: string | undefined | null): Thing | Fail;
  function flow(thing: Thing, body: Buffer, pairs: Array<[string, string]>, opt: string | undefined | null, n: number): Thing | Fail;
}

declare namespace Good {
  class Thing {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    readonly id: string;
    run(at: number, body: Uint8Array, headers: string[]): Array<S> | Fail;
    done(): Fail | null;
  }
  class Fail {
    private constructor();
    free(): void;
    [Symbol.dispose](): void;
    readonly code: string;
    readonly field: string | undefined;
  }
  function make(id: string, opt?: string | null): Thing | Fail;
  function flow(thing: Thing, body: Uint8Array, pairs: Array<[string, string]>, opt: string | null | undefined, n: number): Thing | Fail;
}
export const good: Passes<typeof Good> = true;
export const goodExtras: NoExtras<typeof Good> = true;

declare namespace Missing {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  function make(id: string, opt?: string | null): Thing | Fail;
}
// @ts-expect-error a missing function
export const missing: Passes<typeof Missing> = true;

declare namespace WiderParam {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import flow = Good.flow;
  function make(id: string | number, opt?: string | null): Thing | Fail;
}
// @ts-expect-error a parameter wider than napi's
export const widerParam: Passes<typeof WiderParam> = true;

declare namespace RequiredParam {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import flow = Good.flow;
  function make(id: string, opt: string | null | undefined): Thing | Fail;
}
// @ts-expect-error a required parameter where napi's is optional
export const requiredParam: Passes<typeof RequiredParam> = true;

declare namespace ExtraParam {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import flow = Good.flow;
  function make(id: string, opt?: string | null, more?: number): Thing | Fail;
}
// @ts-expect-error one parameter more than napi
export const extraParam: Passes<typeof ExtraParam> = true;

declare namespace NarrowResult {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import flow = Good.flow;
  function make(id: string, opt?: string | null): Thing;
}
// @ts-expect-error a result narrower than napi's (a failure would be thrown, not returned)
export const narrowResult: Passes<typeof NarrowResult> = true;

declare namespace NumberArrayBody {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class Thing {
    private constructor();
    free(): void;
    readonly id: string;
    run(at: number, body: Uint8Array | number[], headers: string[]): Array<S> | Fail;
    done(): Fail | null;
  }
}
// @ts-expect-error a body typed `Uint8Array | number[]` (wasm-bindgen's default for &[u8])
export const numberArrayBody: Passes<typeof NumberArrayBody> = true;

declare namespace WrongProperty {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class Thing {
    private constructor();
    free(): void;
    readonly id: number;
    run(at: number, body: Uint8Array, headers: string[]): Array<S> | Fail;
    done(): Fail | null;
  }
}
// @ts-expect-error a getter of another type
export const wrongProperty: Passes<typeof WrongProperty> = true;

declare namespace ExtraMember {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class Thing {
    private constructor();
    free(): void;
    readonly id: string;
    toJSON(): object;
    run(at: number, body: Uint8Array, headers: string[]): Array<S> | Fail;
    done(): Fail | null;
  }
}
// @ts-expect-error a class member napi does not have
export const extraMember: Passes<typeof ExtraMember> = true;

declare namespace FailLacksField {
  export import Thing = Good.Thing;
  export import make = Good.make;
  export import flow = Good.flow;
  class Fail {
    private constructor();
    free(): void;
    readonly code: string;
  }
}
// @ts-expect-error NativeFailure without one of napi's fields
export const failLacksField: Passes<typeof FailLacksField> = true;

declare namespace AnySlots {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class Thing {
    private constructor();
    free(): void;
    readonly id: string;
    run(at: number, body: Uint8Array, headers: string[]): Array<any> | Fail;
    done(): Fail | null;
  }
}
// @ts-expect-error `any` (here: slots typed any[]) proves nothing and fails
export const anySlots: Passes<typeof AnySlots> = true;

declare namespace NarrowSlots {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class Thing {
    private constructor();
    free(): void;
    readonly id: string;
    run(at: number, body: Uint8Array, headers: string[]): Array<string | undefined> | Fail;
    done(): Fail | null;
  }
}
// @ts-expect-error slots that can never be null where napi's can
export const narrowSlots: Passes<typeof NarrowSlots> = true;

declare namespace FlatPairs {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import make = Good.make;
  function flow(thing: Thing, body: Uint8Array, pairs: string[], opt: string | null | undefined, n: number): Thing | Fail;
}
// @ts-expect-error flat strings where napi takes [name, value] pairs
export const flatPairs: Passes<typeof FlatPairs> = true;

declare namespace OwnClass {
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import Thing = Good.Thing;
  function flow(thing: { id: string }, body: Uint8Array, pairs: Array<[string, string]>, opt: string | null | undefined, n: number): Thing | Fail;
}
// @ts-expect-error a class parameter that is not the module's own class
export const ownClass: Passes<typeof OwnClass> = true;

declare namespace ExtraExport {
  export import Thing = Good.Thing;
  export import Fail = Good.Fail;
  export import make = Good.make;
  export import flow = Good.flow;
  class AlexpayError extends Error {}
}
export const extraExportStillMatches: Passes<typeof ExtraExport> = true;
// @ts-expect-error an export napi does not have
export const extraExport: NoExtras<typeof ExtraExport> = true;
