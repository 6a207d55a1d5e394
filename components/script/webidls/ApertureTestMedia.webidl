// Test-only hooks for media (see ApertureTest.webidl): the WPT runner's
// testdriver set_permission, and fake-camera controls for Aperture's page tests.

partial interface ApertureTestHooks {
  // Sets the permission `descriptor` (e.g. {name: "camera", panTiltZoom: true})
  // of this page's origin to "granted", "denied" or "prompt".
  Promise<undefined> setPermission(object descriptor, DOMString state);
  // Acts on the fake camera behind `track`: "unplug", "freeze" or "thaw".
  Promise<undefined> fakeCamera(MediaStreamTrack track, DOMString action);
  // Frame counters of the source behind `track`.
  Promise<MediaSourceStats> mediaSourceStats(MediaStreamTrack track);
  // Requests to the media thread still waiting for their reply.
  readonly attribute unsigned long pendingMediaRequests;
  // Sizes of the media thread's tables (leak tests).
  Promise<MediaThreadCounts> mediaThreadCounts();
};

dictionary MediaThreadCounts {
  unsigned long sources = 0;
  unsigned long sinks = 0;
  unsigned long pending = 0;
  unsigned long recorders = 0;
  unsigned long players = 0;
  unsigned long streams = 0;
};

dictionary MediaSourceStats {
  double framesIn = 0;
  double framesOut = 0;
  double copies = 0;
};
