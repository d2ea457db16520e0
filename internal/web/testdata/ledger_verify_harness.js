// Runs static/ledger_verify.js under node against proofs made by the Go side:
// node ledger_verify_harness.js SCRIPT VECTORS.json [CHECKPOINTS.json]; prints
// "ok N" or fails. CHECKPOINTS are signed notes with the size and root the
// script must read from them, or ok false where it must refuse them.
const fs = require("fs"), crypto = require("crypto");
global.window = {};
global.document = { addEventListener: function () {} };
global.atob = (s) => Buffer.from(s, "base64").toString("binary");
global.btoa = (s) => Buffer.from(s, "binary").toString("base64");
let src = fs.readFileSync(process.argv[2], "utf8");
src = src.replace('document.addEventListener("DOMContentLoaded"',
  'global.__t = { sha256js, rootFromProof, concat, fromB64, toB64, parseCheckpoint }; document.addEventListener("DOMContentLoaded"');
eval(src);
const t = global.__t;
for (const n of [0, 1, 55, 56, 63, 64, 65, 1000]) {
  const d = crypto.randomBytes(n);
  const got = Buffer.from(t.sha256js(new Uint8Array(d))).toString("hex");
  if (got !== crypto.createHash("sha256").update(d).digest("hex")) { console.log("sha256js wrong for", n, "bytes"); process.exit(1); }
}
const vs = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
(async () => {
  for (const v of vs) {
    const leaf = t.sha256js(t.concat(0, new TextEncoder().encode(v.record)));
    if (t.toB64(leaf) !== v.leaf) throw new Error("leaf of " + v.index);
    const root = await t.rootFromProof(v.index, v.size, leaf, v.proof.map(t.fromB64));
    if (t.toB64(root) !== v.root) throw new Error("root of " + v.index + " in " + v.size);
    const bad = await t.rootFromProof(v.index, v.size, t.sha256js(new Uint8Array([9])), v.proof.map(t.fromB64));
    if (t.toB64(bad) === v.root) throw new Error("a wrong leaf verifies");
  }
  const cps = process.argv[4] ? JSON.parse(fs.readFileSync(process.argv[4], "utf8")) : [];
  for (const c of cps) {
    let got = null;
    try { got = t.parseCheckpoint(c.note); } catch (e) { got = null; }
    if (!c.ok) {
      if (got !== null) throw new Error("checkpoint accepted: " + JSON.stringify(c.note));
      continue;
    }
    if (got === null || got.size !== c.size || t.toB64(got.root) !== c.root) throw new Error("checkpoint misread: " + JSON.stringify(c.note));
  }
  console.log("ok", vs.length);
})().catch((e) => { console.log("FAIL", e.message); process.exit(1); });
