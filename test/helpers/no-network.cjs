/*
 * Preload for the no-network test (issue 8): `node --require test/helpers/no-network.cjs ...`.
 * Patches every way Node opens a connection or resolves a name (net/tls connect, dns, http(s),
 * fetch, WebSocket) to record the attempt in $VPCGATE_NET_LOG and throw. Loaded by worker threads
 * too (they inherit execArgv). Input: env VPCGATE_NET_LOG. Output: one line per attempt in that file.
 */
"use strict";
const fs = require("node:fs");
const log = process.env.VPCGATE_NET_LOG;
function attempt(what) {
  if (log) fs.appendFileSync(log, `${what}\n`);
  throw new Error(`vpcgate no-network test: ${what} attempted`);
}
const net = require("node:net");
net.Socket.prototype.connect = function () { attempt("net.Socket.connect"); };
net.connect = net.createConnection = function () { attempt("net.connect"); };
const tls = require("node:tls");
tls.connect = function () { attempt("tls.connect"); };
const dns = require("node:dns");
for (const k of ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveMx", "resolveNs", "resolveTxt", "resolveSrv", "reverse"]) {
  if (typeof dns[k] === "function") dns[k] = function () { attempt(`dns.${k}`); };
  if (dns.promises && typeof dns.promises[k] === "function") dns.promises[k] = function () { attempt(`dns.promises.${k}`); };
}
for (const mod of ["node:http", "node:https", "node:http2"]) {
  const m = require(mod);
  for (const k of ["request", "get", "connect"]) if (typeof m[k] === "function") m[k] = function () { attempt(`${mod}.${k}`); };
}
const dgram = require("node:dgram");
dgram.createSocket = function () { attempt("dgram.createSocket"); };
globalThis.fetch = function () { attempt("fetch"); };
if (typeof globalThis.WebSocket === "function") globalThis.WebSocket = function () { attempt("WebSocket"); };
