// Test-only hooks for Aperture's own test pages and its WPT runner
// (wpt/README.md). Exposed only when the host runs with --wpt or
// --pref dom_testing_enabled=true; ordinary pages never see them.

[Exposed=Window, Pref=dom_testing_enabled, LegacyNoInterfaceObject]
interface ApertureTestHooks {
  // Prints the WPT result line and ends the run (the runner's protocol).
  undefined reportResult(DOMString json);
  // Forces a full garbage collection.
  undefined gc();
  // Counts of roots held by Rust (for leak tests).
  readonly attribute unsigned long liveRootCount;
  // DOM objects whose reflector has not been finalized yet.
  readonly attribute unsigned long liveDomObjects;
  // Bytes the GC heap holds (JSGC_BYTES).
  readonly attribute double gcHeapBytes;
  // The process's resident set (VmRSS) and thread count, from
  // /proc/self/status; 0 where that file does not exist (leak tests).
  ProcessCounts processCounts();
  // Stops the engine's "media" or "canvas" thread as if it had died (fault
  // tests): what the page asks of it afterwards fails as documented.
  [Throws] undefined stopEngineThread(DOMString name);
};

dictionary ProcessCounts {
  double residentBytes = 0;
  unsigned long threads = 0;
};

partial interface Window {
  [Pref=dom_testing_enabled] readonly attribute ApertureTestHooks apertureTest;
};
