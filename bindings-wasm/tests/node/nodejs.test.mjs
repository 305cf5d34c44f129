// node --test: the `--target nodejs` build.
import { suite } from "./suite.mjs";
import { loadNodejsBuild } from "./load.mjs";

let api;
suite("nodejs build", async () => (api ||= loadNodejsBuild()));
