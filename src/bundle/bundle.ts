/*
 * OPA bundles as written by `opa build -t wasm`: a gzipped tar with /data.json, /policy.wasm and
 * /.manifest (member names with a leading slash, as OPA writes them). Input (write): the module,
 * base data and entrypoints; output: .tar.gz bytes. Input (read): any such bundle, incl. real
 * OPA ones with extra members; output: wasm, data, manifest, and the other files.
 */

import { gunzipSync, gzipSync } from "node:zlib";
import { DiagnosticError, diagnostic } from "../diagnostics/diagnostic.js";
import { TarError, readTar, writeTar } from "./tar.js";

/** WASM_MEMBER is the bundle path of the policy module. */
export const WASM_MEMBER = "/policy.wasm";

/** WasmResolver maps an entrypoint to a module inside the bundle (manifest `wasm` entries). */
export interface WasmResolver {
  readonly entrypoint: string;
  readonly module: string;
}

/** Manifest is the part of `/.manifest` vpcgate reads and writes. */
export interface Manifest {
  readonly revision: string;
  readonly roots: readonly string[];
  readonly wasm: readonly WasmResolver[];
}

/** Bundle is the content of a wasm bundle. */
export interface Bundle {
  readonly wasm: Uint8Array;
  readonly data: unknown;
  readonly manifest: Manifest;
  /** files holds every member by normalised name (no leading slash), the above included. */
  readonly files: ReadonlyMap<string, Uint8Array>;
}

/** writeBundle builds a gzipped tar bundle like `opa build -t wasm -e <entrypoints...>`. */
export function writeBundle(wasm: Uint8Array, entrypoints: readonly string[], data: unknown = {}): Uint8Array {
  const manifest: Manifest = {
    revision: "",
    roots: [""],
    wasm: entrypoints.map((entrypoint) => ({ entrypoint, module: WASM_MEMBER })),
  };
  const enc = new TextEncoder();
  const tar = writeTar([
    { name: "/data.json", bytes: enc.encode(JSON.stringify(data) + "\n") },
    { name: WASM_MEMBER, bytes: wasm },
    { name: "/.manifest", bytes: enc.encode(JSON.stringify(manifest) + "\n") },
  ]);
  const gz = gzipSync(tar);
  return new Uint8Array(gz.buffer, gz.byteOffset, gz.byteLength);
}

/** readBundle reads a bundle; problems are thrown as a DiagnosticError (policy_load_error) naming `path`. */
export function readBundle(bytes: Uint8Array, path = "bundle.tar.gz"): Bundle {
  const bad = (message: string): never => {
    throw new DiagnosticError([diagnostic("policy_load_error", message, { file: path })]);
  };
  let tar: Uint8Array;
  try {
    const raw = gunzipSync(bytes);
    tar = new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength);
  } catch {
    return bad("not a gzip-compressed bundle");
  }
  const files = new Map<string, Uint8Array>();
  try {
    for (const e of readTar(tar)) files.set(e.name, e.bytes);
  } catch (e) {
    if (e instanceof TarError) return bad(`not a valid tar archive: ${e.message}`);
    throw e;
  }
  const wasm = files.get(WASM_MEMBER.slice(1));
  const manifestBytes = files.get(".manifest");
  let manifest: Manifest = { revision: "", roots: [""], wasm: [] };
  if (manifestBytes !== undefined) {
    const m = parseJson(manifestBytes) ?? bad("/.manifest is not valid JSON");
    manifest = toManifest(m) ?? bad("/.manifest has the wrong shape");
  }
  const module = manifest.wasm[0]?.module.replace(/^\/+/, "");
  const chosen = module !== undefined ? files.get(module) : wasm;
  if (chosen === undefined) return bad("the bundle holds no policy.wasm");
  const dataBytes = files.get("data.json");
  const data = dataBytes === undefined ? {} : (parseJson(dataBytes) ?? bad("/data.json is not valid JSON"));
  return { wasm: chosen, data, manifest, files };
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

function toManifest(v: unknown): Manifest | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  const revision = typeof o["revision"] === "string" ? o["revision"] : "";
  const roots = Array.isArray(o["roots"]) ? o["roots"].filter((r): r is string => typeof r === "string") : [""];
  const wasm: WasmResolver[] = [];
  if (o["wasm"] !== undefined) {
    if (!Array.isArray(o["wasm"])) return undefined;
    for (const w of o["wasm"] as unknown[]) {
      if (typeof w !== "object" || w === null) return undefined;
      const r = w as Record<string, unknown>;
      if (typeof r["entrypoint"] !== "string" || typeof r["module"] !== "string") return undefined;
      wasm.push({ entrypoint: r["entrypoint"], module: r["module"] });
    }
  }
  return { revision, roots, wasm };
}
