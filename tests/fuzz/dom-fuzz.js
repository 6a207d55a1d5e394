// Aperture's DOM fuzzer: a seed-driven sequence of random calls over every interface on the
// global, run in the host (`aperture --pref dom_testing_enabled=true --allow-errors`).
//
//   dom-fuzz.html?seed=7&n=300[&log=1]
//
// The page enumerates every interface object on the global (constructor, static members, the
// prototype's methods and attributes, through reflection), keeps a pool of the objects it made
// or got back, and for n iterations constructs, calls, gets and sets members with random
// arguments of many kinds: primitives at the edges (NaN, -0, 2**53, huge strings, lone
// surrogates), objects whose getters, valueOf or toString throw, Proxies, detached
// ArrayBuffers, typed arrays, platform objects of the pool, dictionaries with known member
// names, and callbacks that re-enter (stop the tracks, resize the canvases, remove nodes,
// collect garbage). Exceptions are expected and counted. It ends with `FUZZ DONE` and
// `apertureTest.reportResult()`, which ends the run with status 0; a crash, a panic on
// stderr or a hang past --timeout is a bug (tests/dom_fuzz.rs). The same seed makes the same
// calls, so `&log=1` replays a failing seed with every call printed before it is made.
"use strict";
(async function () {
  const params = new URLSearchParams(location.search);
  const seed = Number(params.get("seed")) || 1;
  const iterations = Number(params.get("n")) || 200;
  const log = params.get("log") === "1";
  const hooks = window.apertureTest;

  // xorshift32: small, deterministic, good enough to pick.
  let state = (seed * 2654435761) >>> 0 || 1;
  function random() {
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state / 4294967296;
  }
  const int = n => Math.floor(random() * n);
  const pick = a => a[int(a.length)];
  const chance = p => random() < p;

  // Members that leave the page, block on the terminal or end the run: never called.
  const SKIP_MEMBERS = new Set([
    "Window.close", "Window.stop", "Window.open", "Window.print", "Window.alert", "Window.confirm",
    "Window.prompt", "Window.location", "Document.location", "Location.assign", "Location.replace",
    "Location.reload", "Location.href", "Location.hash", "Location.search", "Location.pathname",
    "Location.host", "Location.hostname", "Location.port", "Location.protocol", "History.back",
    "History.forward", "History.go", "ApertureTestHooks.reportResult", "HTMLFormElement.submit",
    "HTMLFormElement.requestSubmit", "HTMLAnchorElement.click", "HTMLAreaElement.click",
  ]);
  // The language's own globals: not platform interfaces.
  const JS_GLOBALS = new Set([
    "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Date",
    "RegExp", "Error", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError",
    "URIError", "AggregateError", "InternalError", "SuppressedError", "Promise", "Map", "Set",
    "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "ArrayBuffer", "SharedArrayBuffer",
    "DataView", "Proxy", "Reflect", "JSON", "Math", "Atomics", "Intl", "WebAssembly", "Iterator",
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float16Array", "Float32Array", "Float64Array", "BigInt64Array",
    "BigUint64Array", "DisposableStack", "AsyncDisposableStack", "Temporal", "ShadowRealm",
  ]);

  // --- The interfaces, by reflection ---------------------------------------------------------
  const interfaces = [];
  for (const name of Object.getOwnPropertyNames(window)) {
    if (JS_GLOBALS.has(name) || !/^[A-Z]/.test(name)) continue;
    let value;
    try { value = window[name]; } catch (e) { continue; }
    if (typeof value !== "function" || !value.prototype) continue;
    const members = [];
    for (let proto = value.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
      const owner = proto.constructor && proto.constructor.name;
      for (const key of Reflect.ownKeys(proto)) {
        if (typeof key !== "string" || key === "constructor") continue;
        if (SKIP_MEMBERS.has(`${owner}.${key}`) || SKIP_MEMBERS.has(`${name}.${key}`)) continue;
        const d = Object.getOwnPropertyDescriptor(proto, key);
        if (d) members.push({ key, d });
      }
    }
    const statics = Object.getOwnPropertyNames(value)
      .filter(k => !["length", "name", "prototype"].includes(k) && typeof value[k] === "function");
    interfaces.push({ name, ctor: value, members, statics });
  }
  // Members of the global and of the document are reached through their interfaces, via the
  // objects in the pool.

  // --- The pool of live objects ----------------------------------------------------------------
  const pool = [window, document, document.documentElement, document.body, navigator];
  const canvases = [], tracks = [], nodes = [];
  function keep(v) {
    if (v === null || (typeof v !== "object" && typeof v !== "function")) return;
    if (v === hooks || v === location || v === history) return;
    if (pool.length < 400) pool.push(v); else pool[int(pool.length)] = v;
    try {
      if (v instanceof HTMLCanvasElement) canvases.push(v);
      if (typeof MediaStreamTrack === "function" && v instanceof MediaStreamTrack) tracks.push(v);
      if (v instanceof Node) nodes.push(v);
    } catch (e) {}
  }
  function attempt(f) { try { return f(); } catch (e) { return undefined; } }
  // Objects worth having from the start: a painted canvas and its capture, media elements,
  // streams, images, blobs.
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 48;
  document.body.appendChild(canvas);
  keep(canvas);
  const ctx = attempt(() => canvas.getContext("2d"));
  if (ctx) { keep(ctx); ctx.fillStyle = "red"; ctx.fillRect(0, 0, 10, 10); }
  const stream = attempt(() => canvas.captureStream(10));
  if (stream) { keep(stream); for (const t of stream.getTracks()) keep(t); }
  for (const make of [
    () => document.createElement("video"), () => document.createElement("img"),
    () => document.createElement("div"), () => document.createTextNode("text"),
    () => new Blob(["abc"], { type: "image/png" }), () => new ImageData(2, 2),
    () => new OffscreenCanvas(8, 8), () => new AbortController(), () => new ReadableStream(),
    () => new Path2D("M0 0 L10 10"), () => new DOMMatrix(), () => new URL("https://a.test/x?y"),
    () => new EventTarget(), () => new TextEncoder(), () => new Headers({ a: "b" }),
    () => stream && new ImageCapture(stream.getVideoTracks()[0]),
    () => stream && new MediaRecorder(stream),
  ]) keep(attempt(make));
  // Text tracks: a <video> with a <track> (a data: WebVTT file, shown) and a script track with
  // a cue and a region, so their lists, cues and events are in the pool.
  const tv = document.createElement("video");
  const te = document.createElement("track");
  te.src = "data:text/vtt,WEBVTT%0A%0A00:00.000 --> 00:01.000 region:r%0A<v A>cue</v>";
  te.default = true;
  tv.appendChild(te);
  document.body.appendChild(tv);
  keep(tv); keep(te); keep(te.track); keep(tv.textTracks);
  const tt = attempt(() => tv.addTextTrack("subtitles", "fuzz", "en"));
  if (tt) {
    keep(tt);
    const cue = attempt(() => new VTTCue(0, 1, "<b>fuzz</b>"));
    if (cue) { keep(cue); attempt(() => tt.addCue(cue)); keep(tt.cues); keep(tt.activeCues); }
  }
  keep(attempt(() => new VTTRegion()));
  // An element of every tag (HTML, SVG, MathML) and an instance of every interface that
  // constructs without arguments, so most members get a receiver of their own type.
  const TAGS = ["a", "abbr", "area", "audio", "b", "base", "bdi", "blockquote", "br", "button",
    "canvas", "caption", "col", "colgroup", "data", "datalist", "details", "dialog", "div", "dl",
    "embed", "fieldset", "figure", "form", "h1", "head", "hr", "html", "iframe", "img", "input",
    "label", "legend", "li", "link", "map", "menu", "meta", "meter", "object", "ol", "optgroup",
    "option", "output", "p", "param", "picture", "pre", "progress", "q", "script", "select", "slot",
    "source", "span", "style", "table", "tbody", "td", "template", "textarea", "tfoot", "th",
    "thead", "time", "title", "tr", "track", "ul", "video", "x-custom", "marquee", "font", "frame",
    "frameset", "dir"];
  for (const tag of TAGS) {
    const el = attempt(() => document.createElement(tag));
    keep(el);
    if (el && chance(0.5)) attempt(() => document.body.appendChild(el));
  }
  for (const tag of ["svg", "g", "rect", "circle", "path", "text", "use", "image", "foreignObject", "linearGradient"])
    keep(attempt(() => document.createElementNS("http://www.w3.org/2000/svg", tag)));
  for (const tag of ["math", "mi", "mrow"])
    keep(attempt(() => document.createElementNS("http://www.w3.org/1998/Math/MathML", tag)));
  for (const iface of interfaces) keep(attempt(() => new iface.ctor()));
  for (const make of [
    () => document.createComment("c"), () => document.createDocumentFragment(),
    () => document.createRange(), () => document.createTreeWalker(document.body),
    () => document.createNodeIterator(document), () => document.implementation.createHTMLDocument("d"),
    () => document.body.attachShadow({ mode: "open" }), () => document.body.attributes,
    () => document.body.classList, () => document.body.style, () => document.styleSheets,
    () => document.createElement("div").dataset, () => new ImageData(new Uint8ClampedArray(16), 2),
    () => new MediaStream(), () => canvas.transferControlToOffscreen && document.createElement("canvas").transferControlToOffscreen(),
    () => new OffscreenCanvas(4, 4).getContext("2d"), () => new MessageChannel().port1,
    () => new File(["x"], "f.txt"), () => new FormData(), () => new URLSearchParams("a=1"),
    () => new Response("x"), () => new Request("https://a.test/"), () => new TextDecoder(),
    () => new WritableStream(), () => new TransformStream(), () => new DOMPoint(1, 2),
    () => new DOMRect(0, 0, 1, 1), () => new MutationObserver(reenterLater),
    () => matchMedia("(min-width: 1px)"), () => getComputedStyle(document.body),
    () => localStorage, () => sessionStorage, () => new CustomEvent("x", { detail: 1 }),
    () => new XMLHttpRequest(), () => new FileReader(), () => new AbortController().signal,
  ]) keep(attempt(make));
  // A camera (the host's fake one), with what hangs off it, before the first call.
  if (params.get("camera") !== "0") {
    const cam = await navigator.mediaDevices.getUserMedia({ video: true, audio: chance(0.5) }).catch(() => null);
    if (cam) {
      keep(cam);
      for (const t of cam.getTracks()) keep(t);
      keep(attempt(() => new ImageCapture(cam.getVideoTracks()[0])));
      keep(attempt(() => new MediaRecorder(cam)));
      const v = document.createElement("video");
      v.srcObject = cam;
      keep(v);
    }
  }

  function reenterLater() { try { return reenter(); } catch (e) { return undefined; } }

  // --- Values ----------------------------------------------------------------------------------
  const thrower = () => { throw new Error("fuzz: thrown from a conversion"); };
  const WORDS = ["", "a", "2d", "click", "load", "image/png", "image/jpeg", "image/webp",
    "video/webm", "video/webm;codecs=vp8", "red", "#00ff0080", "10px serif", "bitmaprenderer",
    "webgl", "none", "flipY", "premultiply", "high", "srgb", "display-p3", "user", "environment",
    "manual", "continuous", "M0 0 L 5 5 Z", "https://a.test/", "blob:null/x", "file:///etc/passwd",
    "data:image/png;base64,AAAA", "\u0000", "\ud800", "\ufffd", "-1", "NaN", "1e309", "0x10",
    "<b>x</b>", "div", "http://localhost:1/", "utf-8", "utf-16le", "shift_jis", "*", ":scope > *"];
  const KEYS = ["width", "height", "video", "audio", "type", "once", "passive", "capture",
    "signal", "colorSpace", "alpha", "willReadFrequently", "imageOrientation", "premultiplyAlpha",
    "resizeWidth", "resizeHeight", "resizeQuality", "mimeType", "videoBitsPerSecond", "frameRate",
    "deviceId", "facingMode", "advanced", "exact", "ideal", "min", "max", "zoom", "pan", "tilt",
    "torch", "imageWidth", "imageHeight", "fillLightMode", "bubbles", "cancelable", "composed",
    "detail", "highWaterMark", "size", "start", "pull", "cancel", "transfer", "mode", "fatal",
    "stream", "endings", "lastModified", "x", "y", "z", "w", "is", "subtree", "childList",
    "attributes", "characterData", "timeout", "handleEvent", "preventAbort", "preventClose"];

  function reenter() {
    switch (int(6)) {
      case 0: for (const t of tracks) attempt(() => t.stop()); break;
      case 1: for (const c of canvases) attempt(() => { c.width = pick([0, 1, 7, 300]); c.height = pick([0, 1, 5, 150]); }); break;
      case 2: for (const n of nodes.slice(0, 20)) attempt(() => n.remove()); break;
      case 3: if (hooks) hooks.gc(); break;
      case 4: throw new Error("fuzz: thrown from a callback");
      default: return value(1);
    }
    return undefined;
  }

  function number() {
    return pick([0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 31 - 1, 2 ** 32,
      2 ** 32 - 1, 2 ** 53, -(2 ** 53), 1e308, 5e-324, 255, 256, 65535, 16384, 16385, int(100),
      -int(100), random() * 1000]);
  }

  function buffer() {
    const b = new ArrayBuffer(pick([0, 1, 4, 16, 64, 1024]));
    if (chance(0.3)) attempt(() => structuredClone(b, { transfer: [b] }));
    return b;
  }

  function typed() {
    const b = buffer();
    const T = pick([Uint8Array, Uint8ClampedArray, Int8Array, Uint16Array, Int32Array, Float32Array, Float64Array, DataView]);
    return attempt(() => new T(b)) || new Uint8Array(4);
  }

  function hostile() {
    switch (int(7)) {
      case 0: return { valueOf: thrower };
      case 1: return { toString: thrower, valueOf: thrower };
      case 2: return new Proxy({}, { get: thrower, has: thrower, ownKeys: thrower, getOwnPropertyDescriptor: thrower });
      case 3: return new Proxy(pick(pool), {});
      case 4: { const o = {}; for (const k of KEYS) Object.defineProperty(o, k, { get: thrower, enumerable: true }); return o; }
      case 5: return { valueOf() { reenter(); return number(); }, toString() { reenter(); return pick(WORDS); } };
      default: return { [Symbol.iterator]: thrower, length: 2 ** 32 };
    }
  }

  function dictionary(depth) {
    const o = {};
    for (let i = int(4); i >= 0; i--) o[pick(KEYS)] = value(depth + 1);
    return o;
  }

  function value(depth = 0) {
    if (depth > 2) return pick([undefined, null, 0, "", {}]);
    switch (int(16)) {
      case 0: return undefined;
      case 1: return null;
      case 2: case 3: return number();
      case 4: case 5: return pick(WORDS);
      case 6: return chance(0.1) ? "x".repeat(pick([1e5, 1e6])) : String(number());
      case 7: return chance(0.5);
      case 8: return hostile();
      case 9: return chance(0.5) ? buffer() : typed();
      case 10: case 11: return pick(pool);
      case 12: return function callback() { return reenter(); };
      case 13: return dictionary(depth);
      case 14: return [value(depth + 1), value(depth + 1)];
      default: return pick([Symbol("s"), 1n, -(2n ** 64n), new Date(NaN), /x/g, Promise.resolve(value(depth + 1))]);
    }
  }

  function args() {
    const n = pick([0, 1, 1, 2, 2, 3, 4, 6]);
    const out = [];
    for (let i = 0; i < n; i++) out.push(value());
    return out;
  }

  // --- The calls -------------------------------------------------------------------------------
  let calls = 0, exceptions = 0;
  function describe(v) {
    try {
      if (v === null || v === undefined) return String(v);
      if (typeof v === "object" || typeof v === "function") return Object.prototype.toString.call(v);
      if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + `…(${v.length})` : v);
      return String(v);
    } catch (e) { return "?"; }
  }
  function run(what, f) {
    calls++;
    if (log) console.log(`#${calls} ${what}`);
    try {
      const r = f();
      keep(r);
      if (r && typeof r.then === "function") r.then(keep, () => { exceptions++; });
    } catch (e) {
      exceptions++;
    }
  }
  function receiverFor(iface) {
    const fits = pool.filter(o => { try { return o instanceof iface.ctor; } catch (e) { return false; } });
    return fits.length && chance(0.9) ? pick(fits) : pick(pool);
  }

  // The members reachable from an object's prototype chain (cached per prototype).
  const memberCache = new Map();
  function membersOf(o) {
    const proto = Object.getPrototypeOf(o);
    if (!proto) return [];
    if (!memberCache.has(proto)) {
      const found = [];
      for (let p = proto; p && p !== Object.prototype && p !== Function.prototype; p = Object.getPrototypeOf(p)) {
        const owner = p.constructor && p.constructor.name;
        // The language's own objects (arrays, typed arrays, promises…) are not what is fuzzed:
        // their methods on a `length: 2**32` object only keep the engine busy.
        if (JS_GLOBALS.has(owner) || owner === "TypedArray" || owner === "Function") break;
        for (const key of Reflect.ownKeys(p)) {
          if (typeof key !== "string" || key === "constructor" || SKIP_MEMBERS.has(`${owner}.${key}`)) continue;
          const d = Object.getOwnPropertyDescriptor(p, key);
          if (d) found.push({ key, d });
        }
      }
      memberCache.set(proto, found);
    }
    return memberCache.get(proto);
  }

  function useMember(target, { key, d }, a, text) {
    const name = `${describe(target)}.${key}`;
    if (typeof d.value === "function") {
      run(`${name}(${text()})`, () => d.value.apply(target, a));
    } else if (d.get && (!d.set || chance(0.5))) {
      run(`get ${name}`, () => d.get.call(target));
    } else if (d.set) {
      run(`set ${name} = ${describe(a[0])}`, () => d.set.call(target, a[0]));
    }
  }

  function step() {
    if (chance(0.5)) {
      // An object of the pool and one of its own members: a receiver of the right type.
      const target = pick(pool);
      const members = attempt(() => membersOf(target)) || [];
      if (members.length) {
        const a = args();
        useMember(target, pick(members), a, () => a.map(describe).join(", "));
        return;
      }
    }
    const iface = pick(interfaces);
    const a = args();
    const text = () => a.map(describe).join(", ");
    switch (int(5)) {
      case 0:
        run(`new ${iface.name}(${text()})`, () => Reflect.construct(iface.ctor, a));
        break;
      case 1:
        if (iface.statics.length) {
          const k = pick(iface.statics);
          run(`${iface.name}.${k}(${text()})`, () => iface.ctor[k](...a));
          break;
        }
      // falls through
      default: {
        if (!iface.members.length) break;
        useMember(receiverFor(iface), pick(iface.members), a, text);
      }
    }
  }

  const turn = () => new Promise(resolve => setTimeout(resolve, 0));
  for (let i = 0; i < iterations; i++) {
    step();
    // Let tasks, events and promise reactions run between calls, so callbacks re-enter.
    if (i % 25 === 24) await turn();
    // Now and then long enough for the other threads to answer (frames, photos, recordings).
    if (i % 200 === 199) await new Promise(resolve => setTimeout(resolve, 20));
    if (hooks && i % 100 === 99) hooks.gc();
  }
  await turn();
  for (const t of tracks) attempt(() => t.stop());
  if (hooks) hooks.gc();
  await turn();
  console.log(`FUZZ DONE seed=${seed} interfaces=${interfaces.length} calls=${calls} exceptions=${exceptions}`);
  if (hooks) hooks.reportResult(JSON.stringify({ seed, calls, exceptions }));
})().catch(e => {
  console.log(`FUZZ DRIVER ERROR ${e && e.stack || e}`);
  if (window.apertureTest) window.apertureTest.reportResult("{}");
});
