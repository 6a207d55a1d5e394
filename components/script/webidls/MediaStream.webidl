// https://w3c.github.io/mediacapture-main/#mediastream
// Exposed in dedicated workers too, as mediacapture-extensions adds
// (https://w3c.github.io/mediacapture-extensions/#exposing-mediastreamtrack-in-workers):
// a worker receives tracks by transfer.

// `webkitMediaStream`: Chromium's alias, which older camera pages still use.
[Exposed=(Window,DedicatedWorker), LegacyWindowAlias=webkitMediaStream]
interface MediaStream : EventTarget {
  constructor();
  constructor(MediaStream stream);
  constructor(sequence<MediaStreamTrack> tracks);
  readonly attribute DOMString id;
  sequence<MediaStreamTrack> getAudioTracks();
  sequence<MediaStreamTrack> getVideoTracks();
  sequence<MediaStreamTrack> getTracks();
  MediaStreamTrack? getTrackById(DOMString trackId);
  undefined addTrack(MediaStreamTrack track);
  undefined removeTrack(MediaStreamTrack track);
  MediaStream clone();
  readonly attribute boolean active;
  attribute EventHandler onaddtrack;
  attribute EventHandler onremovetrack;
};

// https://w3c.github.io/mediacapture-main/#mediastreamtrackevent
[Exposed=(Window,DedicatedWorker)]
interface MediaStreamTrackEvent : Event {
  constructor(DOMString type, MediaStreamTrackEventInit eventInitDict);
  [SameObject] readonly attribute MediaStreamTrack track;
};

dictionary MediaStreamTrackEventInit : EventInit {
  required MediaStreamTrack track;
};
