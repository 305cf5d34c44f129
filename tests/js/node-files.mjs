// Node only: reads the shared vector files and flow scripts from disk as the
// portable runners take them ([{ name, doc }], sorted by name).
// ALEXPAY_VECTORS_DIR points at another copy of tests/vectors.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const vectorsDir = process.env.ALEXPAY_VECTORS_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../vectors");

function jsonFiles(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((name) => ({ name, doc: JSON.parse(readFileSync(path.join(dir, name), "utf8")) }));
}

export const vectorFiles = () => jsonFiles(vectorsDir);
export const flowFiles = () => jsonFiles(path.join(vectorsDir, "flows"));
