// ledger_verify.js — checks, in the browser, that a public ledger entry is in
// the latest checkpoint's tree (RFC 6962 / RFC 9162 inclusion proof). It uses
// crypto.subtle where the page is a secure context and a small SHA-256 of its
// own elsewhere (plain http on an intranet address).
(function () {
  "use strict";

  // sha256js is FIPS 180-4 SHA-256 of a Uint8Array.
  var K = new Uint32Array([
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]);
  function rotr(x, n) { return (x >>> n) | (x << (32 - n)); }
  function sha256js(data) {
    var len = data.length, padded = new Uint8Array(((len + 9 + 63) >> 6) << 6);
    padded.set(data);
    padded[len] = 0x80;
    var bits = len * 8, dv = new DataView(padded.buffer);
    dv.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
    dv.setUint32(padded.length - 4, bits >>> 0);
    var h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    var w = new Uint32Array(64);
    for (var off = 0; off < padded.length; off += 64) {
      for (var i = 0; i < 16; i++) w[i] = dv.getUint32(off + i * 4);
      for (i = 16; i < 64; i++) {
        var s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3);
        var s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10);
        w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0;
      }
      var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
      for (i = 0; i < 64; i++) {
        var t1 = (hh + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) >>> 0;
        var t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) >>> 0;
        hh = g; g = f; f = e; e = (d + t1) >>> 0; d = c; c = b; b = a; a = (t1 + t2) >>> 0;
      }
      h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
    }
    var out = new Uint8Array(32), odv = new DataView(out.buffer);
    for (i = 0; i < 8; i++) odv.setUint32(i * 4, h[i]);
    return out;
  }

  function sha256(data) {
    if (window.crypto && window.crypto.subtle && window.isSecureContext) {
      return window.crypto.subtle.digest("SHA-256", data).then(function (b) { return new Uint8Array(b); });
    }
    return Promise.resolve(sha256js(data));
  }
  function concat(prefix, a, b) {
    var out = new Uint8Array(1 + a.length + (b ? b.length : 0));
    out[0] = prefix;
    out.set(a, 1);
    if (b) out.set(b, 1 + a.length);
    return out;
  }
  function fromB64(s) {
    var bin = atob(s), out = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  }
  function toB64(u) { return btoa(String.fromCharCode.apply(null, u)); }
  function equal(a, b) {
    if (a.length !== b.length) return false;
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }
  function half(n) { return Math.floor(n / 2); }
  function odd(n) { return n % 2 === 1; }

  // rootFromProof folds an inclusion proof to the root (RFC 9162 §2.1.3.2).
  function rootFromProof(index, size, leaf, proof) {
    if (index >= size) return Promise.reject(new Error("序号不在树中"));
    var fn = index, sn = size - 1, r = Promise.resolve(leaf);
    proof.forEach(function (p) {
      r = r.then(function (cur) {
        if (sn === 0) throw new Error("证明过长");
        var next;
        if (odd(fn) || fn === sn) {
          next = sha256(concat(1, p, cur));
          if (!odd(fn)) while (!odd(fn) && fn !== 0) { fn = half(fn); sn = half(sn); }
        } else {
          next = sha256(concat(1, cur, p));
        }
        fn = half(fn); sn = half(sn);
        return next;
      });
    });
    return r.then(function (root) {
      if (sn !== 0) throw new Error("证明长度与树的大小不符");
      return root;
    });
  }

  // ORIGINS are the origin lines of the platform's checkpoints: its own
  // (ledger.Origin), and tlog's, which checkpoints stored before it carry.
  var ORIGINS = ["patentbridge.sichuan ledger", "go.sum database tree"];

  // parseCheckpoint reads the tree size and root hash of a signed checkpoint
  // note: its origin line, size, root hash, then a blank line and signatures.
  function parseCheckpoint(note) {
    var lines = note.split("\n"), size = parseInt(lines[1], 10), root;
    if (ORIGINS.indexOf(lines[0]) < 0 || !(size > 0) || String(size) !== lines[1]) throw new Error("检查点格式无法识别");
    try { root = fromB64(lines[2]); } catch (e) { root = []; }
    if (root.length !== 32) throw new Error("检查点格式无法识别");
    return { size: size, root: root };
  }

  function getText(url) {
    return fetch(url, { credentials: "omit" }).then(function (res) {
      if (!res.ok) throw new Error(url + " 返回 " + res.status);
      return res.text();
    });
  }
  function getJSON(url) { return getText(url).then(JSON.parse); }

  function verify(index, show) {
    var size, root, leaf;
    return getText("/api/v1/ledger/checkpoint").then(function (note) {
      var cp = parseCheckpoint(note);
      size = cp.size;
      root = cp.root;
      return getJSON("/api/v1/ledger/entries/" + index);
    }).then(function (entry) {
      return sha256(concat(0, new TextEncoder().encode(entry.record))).then(function (h) {
        leaf = h;
        if (toB64(h) !== entry.leaf_hash) throw new Error("记录的哈希与账本登记的叶哈希不一致");
        return getJSON("/api/v1/ledger/proof/inclusion?index=" + index + "&size=" + size);
      });
    }).then(function (p) {
      return rootFromProof(index, size, leaf, p.proof.map(fromB64));
    }).then(function (got) {
      if (!equal(got, root)) throw new Error("由包含证明算出的根哈希与检查点不一致");
      show(true, "验证通过：该记录包含在大小为 " + size + " 的账本树中，根哈希与最新检查点一致。");
    }).catch(function (err) {
      show(false, "验证失败：" + err.message);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var btn = document.getElementById("ledger-verify"), out = document.getElementById("ledger-result");
    if (!btn || !out) return;
    btn.addEventListener("click", function () {
      btn.disabled = true;
      out.textContent = "正在验证…";
      out.className = "";
      verify(parseInt(btn.getAttribute("data-index"), 10), function (ok, msg) {
        out.textContent = msg;
        out.className = ok ? "verify-ok" : "verify-fail";
        btn.disabled = false;
      });
    });
    if (window.location.hash === "#verify") btn.click(); // the 验证 link of an act's page
  });
})();
