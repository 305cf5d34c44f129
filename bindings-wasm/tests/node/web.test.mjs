// node --test: the `--target web` build, explicitly initialised.
import { suite } from "./suite.mjs";
import { loadWebBuild } from "./load.mjs";

let api;
suite("web build", async () => (api ||= await loadWebBuild()));
