// https://w3c.github.io/mediacapture-main/#mediastreamtrack
// Transferable, and exposed in dedicated workers, as mediacapture-extensions adds
// (https://w3c.github.io/mediacapture-extensions/#transferable-mediastreamtrack): a
// transferred track stands on its source, which stays on the thread that opened it.

[Exposed=(Window,DedicatedWorker)]
interface MediaStreamTrack : EventTarget {
  readonly attribute DOMString kind;
  readonly attribute DOMString id;
  readonly attribute DOMString label;
  attribute boolean enabled;
  readonly attribute boolean muted;
  attribute EventHandler onmute;
  attribute EventHandler onunmute;
  readonly attribute MediaStreamTrackState readyState;
  attribute EventHandler onended;
  MediaStreamTrack clone();
  undefined stop();
  MediaTrackCapabilities getCapabilities();
  MediaTrackConstraints getConstraints();
  MediaTrackSettings getSettings();
  Promise<undefined> applyConstraints(optional MediaTrackConstraints constraints = {});
};

enum MediaStreamTrackState {
  "live",
  "ended"
};
