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
};

partial interface Window {
  [Pref=dom_testing_enabled] readonly attribute ApertureTestHooks apertureTest;
};
