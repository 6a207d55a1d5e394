// https://html.spec.whatwg.org/multipage/media.html#timed-text-tracks
// Text tracks of media elements: <track> children and addTextTrack(). In-band tracks do not
// exist (GStreamer's subtitle streams are not exposed), so inBandMetadataTrackDispatchType is
// always "". Audio and video track lists are absent, as in Chromium by default.

partial interface HTMLMediaElement {
  [SameObject] readonly attribute TextTrackList textTracks;
  TextTrack addTextTrack(TextTrackKind kind, optional DOMString label = "", optional DOMString language = "");
};

// https://html.spec.whatwg.org/multipage/media.html#the-track-element
[Exposed=Window]
interface HTMLTrackElement : HTMLElement {
  [CEReactions] attribute DOMString kind;
  [CEReactions] attribute USVString src;
  [CEReactions] attribute DOMString srclang;
  [CEReactions] attribute DOMString label;
  [CEReactions] attribute boolean default;

  const unsigned short NONE = 0;
  const unsigned short LOADING = 1;
  const unsigned short LOADED = 2;
  const unsigned short ERROR = 3;
  readonly attribute unsigned short readyState;

  readonly attribute TextTrack track;
};

// https://html.spec.whatwg.org/multipage/media.html#texttracklist
[Exposed=Window]
interface TextTrackList : EventTarget {
  readonly attribute unsigned long length;
  getter TextTrack (unsigned long index);
  TextTrack? getTrackById(DOMString id);

  attribute EventHandler onchange;
  attribute EventHandler onaddtrack;
  attribute EventHandler onremovetrack;
};

enum TextTrackMode { "disabled",  "hidden",  "showing" };
enum TextTrackKind { "subtitles",  "captions",  "descriptions",  "chapters",  "metadata" };

// https://html.spec.whatwg.org/multipage/media.html#texttrack
[Exposed=Window]
interface TextTrack : EventTarget {
  readonly attribute TextTrackKind kind;
  readonly attribute DOMString label;
  readonly attribute DOMString language;

  readonly attribute DOMString id;
  readonly attribute DOMString inBandMetadataTrackDispatchType;

  attribute TextTrackMode mode;

  readonly attribute TextTrackCueList? cues;
  readonly attribute TextTrackCueList? activeCues;

  undefined addCue(TextTrackCue cue);
  [Throws] undefined removeCue(TextTrackCue cue);

  attribute EventHandler oncuechange;
};

// https://html.spec.whatwg.org/multipage/media.html#texttrackcuelist
[Exposed=Window]
interface TextTrackCueList {
  readonly attribute unsigned long length;
  getter TextTrackCue (unsigned long index);
  TextTrackCue? getCueById(DOMString id);
};

// https://html.spec.whatwg.org/multipage/media.html#texttrackcue
[Exposed=Window]
interface TextTrackCue : EventTarget {
  readonly attribute TextTrack? track;

  attribute DOMString id;
  attribute double startTime;
  attribute unrestricted double endTime;
  attribute boolean pauseOnExit;

  attribute EventHandler onenter;
  attribute EventHandler onexit;
};

// https://html.spec.whatwg.org/multipage/media.html#trackevent
// (The track is a TextTrack or null: Aperture has no AudioTrack or VideoTrack.)
[Exposed=Window]
interface TrackEvent : Event {
  constructor(DOMString type, optional TrackEventInit eventInitDict = {});

  readonly attribute TextTrack? track;
};

dictionary TrackEventInit : EventInit {
  TextTrack? track = null;
};
