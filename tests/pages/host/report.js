// Minimal reporting for the pages tests/host.rs serves over HTTP (check.js is not served):
// tests/host.rs puts this file where a page says /*REPORT*/.
let pending = 0, failed = 0;
async function checkAsync(name, fn) {
  pending++;
  try { await fn(); console.log("PASS " + name); } catch (e) { failed++; console.log("FAIL " + name + ": " + e); }
  if (--pending === 0) console.log("CHECKS DONE");
}
function eq(a, b, what) { if (a !== b) throw new Error(`${what}: expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }
