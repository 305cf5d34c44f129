// Runs inside workerd: POST the vector files (JSON) and get the results of
// the shared vectors and the hostile suite, run in this isolate.
import * as api from "../../entry/web.mjs";
import wasm from "../../pkg/web/alexpay_wasm_bg.wasm";
import { runVectors } from "../../../tests/js/vectors.mjs";
import { runHostile } from "../../../tests/js/hostile.mjs";
import { runFlows } from "../../../tests/js/flows.mjs";

api.initSync({ module: wasm });

export default {
  async fetch(request) {
    const { vectors: files, flows: flowFiles } = await request.json();
    const vectors = runVectors(api, files);
    const flows = await runFlows(api, flowFiles);
    const hostile = await runHostile(api);
    return Response.json({ vectors, hostile, flows, navigator: globalThis.navigator?.userAgent ?? "" });
  },
};
