// The three churn loops of issue 15's leak item, shared by the page test
// (media/churn.html, small counts) and the soak (tests/soak/churn.html, run by
// `./mach soak` with the counts). Each loop makes objects, lets them go
// and then reads every counter the engine has: DOM objects alive, roots held by
// Rust, the media thread's and the canvas thread's tables, the process's
// threads and resident memory.
"use strict";
(function () {
  const hooks = window.apertureTest;

  // One round trip to the media thread: it handles commands in order and its
  // replies reach script in order, so once the counts come back every request
  // sent before has been answered. Then finalizers run and the GC collects
  // twice (a finalizer can release the last reference to another object).
  async function settle() {
    const media = await hooks.mediaThreadCounts();
    await new Promise(r => setTimeout(r, 0));
    hooks.gc();
    await new Promise(r => setTimeout(r, 0));
    hooks.gc();
    await new Promise(r => setTimeout(r, 0));
    return media;
  }

  async function counts() {
    const media = await settle();
    const process = hooks.processCounts();
    return {
      objects: hooks.liveDomObjects,
      roots: hooks.liveRootCount,
      requests: hooks.pendingMediaRequests,
      media,
      canvas: hooks.canvasThreadCounts(),
      threads: process.threads,
      rss: process.residentBytes,
    };
  }

  // One track opened and stopped (a clone too, every tenth round).
  async function trackRound(i) {
    const s = await navigator.mediaDevices.getUserMedia({video: {width: 160, height: 120}});
    const t = s.getVideoTracks()[0];
    if (i % 10 === 0) t.clone().stop();
    t.stop();
  }

  // `n` canvases painted, captured, shown one rendering update, then dropped.
  async function canvasRound(n, i) {
    const tracks = [];
    for (let k = 0; k < n; k++) {
      const canvas = document.createElement("canvas");
      canvas.width = 64;
      canvas.height = 48;
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = `rgb(${(i + k) & 255}, 0, 0)`;
      ctx.fillRect(0, 0, 64, 48);
      tracks.push(canvas.captureStream().getVideoTracks()[0]);
    }
    await new Promise(r => requestAnimationFrame(r));
    for (const t of tracks) t.stop();
  }

  // `n` ImageCaptures on one track, each with a grabFrame() pending, dropped;
  // on even rounds the track stops while they are pending.
  async function imageCaptureRound(n, i) {
    const s = await navigator.mediaDevices.getUserMedia({video: {width: 160, height: 120}});
    const t = s.getVideoTracks()[0];
    const grabs = [];
    for (let k = 0; k < n; k++) grabs.push(new ImageCapture(t).grabFrame().then(b => b.close(), () => {}));
    if (i % 2 === 0) t.stop();
    await Promise.all(grabs);
    t.stop();
  }

  const MiB = 1 << 20;

  function describe(c) {
    return `objects ${c.objects}, roots ${c.roots}, media ${JSON.stringify(c.media)}, ` +
      `canvas ${JSON.stringify(c.canvas)}, threads ${c.threads}, RSS ${(c.rss / MiB).toFixed(1)} MiB`;
  }

  // Runs `round` `rounds` times in two halves and checks that nothing is left
  // behind: the thread tables and roots are back where they were, DOM objects
  // and threads within a few of it, and RSS does not keep growing from the
  // first half to the second (`rssSlack` bytes allowed).
  async function churn(name, rounds, round, rssSlack) {
    await round(0);  // warm up: interface objects, lazily made GStreamer state
    const base = await counts();
    const half = Math.max(1, rounds >> 1);
    const start = performance.now();
    for (let i = 0; i < half; i++) await round(i);
    const mid = await counts();
    for (let i = half; i < rounds; i++) await round(i);
    const end = await counts();
    const ms = performance.now() - start;
    console.log(`CHURN ${name}: ${rounds} rounds in ${(ms / 1000).toFixed(1)} s`);
    console.log(`CHURN ${name} base: ${describe(base)}`);
    console.log(`CHURN ${name} mid:  ${describe(mid)}`);
    console.log(`CHURN ${name} end:  ${describe(end)}`);
    assertEquals(end.requests, 0, "requests to the media thread left pending");
    assertEquals(end.roots, base.roots, "roots held by Rust");
    assertEquals(JSON.stringify(end.media), JSON.stringify(base.media), "media thread tables");
    assertEquals(JSON.stringify(end.canvas), JSON.stringify(base.canvas), "canvas thread tables");
    assertTrue(end.objects - base.objects <= 5, `live DOM objects grew from ${base.objects} to ${end.objects}`);
    assertTrue(end.threads <= base.threads + 2, `threads grew from ${base.threads} to ${end.threads}`);
    assertTrue(end.rss - mid.rss <= rssSlack,
               `RSS grew by ${((end.rss - mid.rss) / MiB).toFixed(1)} MiB in the second half ` +
               `(${(mid.rss / MiB).toFixed(1)} → ${(end.rss / MiB).toFixed(1)} MiB)`);
  }

  self.churnTracks = (rounds, rssSlack) => churn("tracks", rounds, trackRound, rssSlack);
  // Canvases in rounds of 10 per rendering update.
  self.churnCanvases = (canvases, rssSlack) =>
    churn("canvases", Math.ceil(canvases / 10), i => canvasRound(10, i), rssSlack);
  // ImageCaptures in rounds of 10 per track.
  self.churnImageCaptures = (captures, rssSlack) =>
    churn("image-captures", Math.ceil(captures / 10), i => imageCaptureRound(10, i), rssSlack);
})();
