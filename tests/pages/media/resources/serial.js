// Runs checkAsync() checks one after the other (they share the camera, the
// permission store and the media thread), then checksDone().
"use strict";
(function () {
  let chain = Promise.resolve();
  self.serialCheck = function (name, fn) {
    chain = chain.then(() => checkAsync(name, fn));
  };
  self.serialDone = function () {
    chain = chain.then(() => checksDone());
  };
  self.sleep = ms => new Promise(r => setTimeout(r, ms));
  // Waits for `name` at `target`. A pending timer keeps the host's event loop
  // running meanwhile (a live track's events do not); after `ms` it fails.
  self.nextEvent = (target, name, ms = 10000) => new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${name} event within ${ms} ms`)), ms);
    target.addEventListener(name, e => { clearTimeout(timer); resolve(e); }, {once: true});
  });
})();
