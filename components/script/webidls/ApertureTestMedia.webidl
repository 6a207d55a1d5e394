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
};

dictionary MediaSourceStats {
  double framesIn = 0;
  double framesOut = 0;
  double copies = 0;
};
