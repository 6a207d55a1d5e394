// A tiny test library for Aperture's own page tests (tests/pages). Not WPT:
// each check prints "PASS name" or "FAIL name: message"; when every check has
// settled it prints "CHECKS DONE n/m".
"use strict";
(function () {
  const pending = [];
  let passed = 0, total = 0;
  function report(name, error) {
    total += 1;
    if (error === undefined) { passed += 1; console.log("PASS " + name); }
    else console.log("FAIL " + name + ": " + (error && error.stack ? error.message + "\n" + error.stack : error));
  }
  self.check = function (name, fn) {
    try { fn(); report(name); } catch (e) { report(name, e); }
  };
  self.checkAsync = function (name, fn) {
    const p = (async () => fn())().then(() => report(name), e => report(name, e));
    pending.push(p);
    return p;
  };
  self.assertEquals = function (actual, expected, what) {
    if (!Object.is(actual, expected))
      throw new Error(`${what || "value"}: expected ${String(expected)}, got ${String(actual)}`);
  };
  self.assertTrue = function (value, what) { if (value !== true) throw new Error(`${what || "condition"} is not true (${String(value)})`); };
  self.assertThrows = function (errorName, fn, what) {
    try { fn(); } catch (e) {
      if (e.name !== errorName) throw new Error(`${what || "call"} threw ${e.name} (${e.message}), expected ${errorName}`);
      return e;
    }
    throw new Error(`${what || "call"} did not throw ${errorName}`);
  };
  self.assertRejects = async function (errorName, promise, what) {
    try { await promise; } catch (e) {
      if (e.name !== errorName) throw new Error(`${what || "promise"} rejected with ${e.name} (${e.message}), expected ${errorName}`);
      return e;
    }
    throw new Error(`${what || "promise"} resolved, expected a ${errorName} rejection`);
  };
  self.checksDone = async function () {
    while (pending.length) await pending.shift();
    console.log(`CHECKS DONE ${passed}/${total}`);
  };
})();
