// https://html.spec.whatwg.org/multipage/media.html#htmlmediaelement
// The members Aperture implements: a media element plays a MediaStream (`srcObject`) or a
// media file (`src` or <source> children, decoded by GStreamer on the Media thread). Not
// implemented (absent): getStartDate, audio/video track lists (text
// tracks are in TextTrack.webidl), and audio output (the host has none). A media file plays at
// playbackRate (0, or 1/16 to 16 as in Chromium; other values throw NotSupportedError).

[Exposed=Window]
interface HTMLMediaElement : HTMLElement {
  // error state
  readonly attribute MediaError? error;

  // network state
  attribute USVString src;
  attribute MediaProvider? srcObject;
  readonly attribute USVString currentSrc;
  attribute DOMString? crossOrigin;
  attribute DOMString preload;
  readonly attribute TimeRanges buffered;
  const unsigned short NETWORK_EMPTY = 0;
  const unsigned short NETWORK_IDLE = 1;
  const unsigned short NETWORK_LOADING = 2;
  const unsigned short NETWORK_NO_SOURCE = 3;
  readonly attribute unsigned short networkState;
  undefined load();
  CanPlayTypeResult canPlayType(DOMString type);

  // ready state
  const unsigned short HAVE_NOTHING = 0;
  const unsigned short HAVE_METADATA = 1;
  const unsigned short HAVE_CURRENT_DATA = 2;
  const unsigned short HAVE_FUTURE_DATA = 3;
  const unsigned short HAVE_ENOUGH_DATA = 4;
  readonly attribute unsigned short readyState;
  readonly attribute boolean seeking;

  // playback state
  attribute double currentTime;
  undefined fastSeek(double time);
  readonly attribute unrestricted double duration;
  readonly attribute boolean paused;
  attribute double defaultPlaybackRate;
  [SetterThrows] attribute double playbackRate;
  readonly attribute TimeRanges played;
  readonly attribute TimeRanges seekable;
  readonly attribute boolean ended;
  attribute boolean autoplay;
  attribute boolean loop;
  Promise<undefined> play();
  undefined pause();

  // controls
  attribute boolean controls;
  [SetterThrows] attribute double volume;
  attribute boolean muted;
  attribute boolean defaultMuted;
};

// https://w3c.github.io/mediacapture-fromelement/#html-media-element-media-capture-extensions
partial interface HTMLMediaElement {
  MediaStream captureStream();
};

enum CanPlayTypeResult { "" /* empty string */, "maybe", "probably" };

// https://html.spec.whatwg.org/multipage/media.html#mediaerror
[Exposed=Window]
interface MediaError {
  const unsigned short MEDIA_ERR_ABORTED = 1;
  const unsigned short MEDIA_ERR_NETWORK = 2;
  const unsigned short MEDIA_ERR_DECODE = 3;
  const unsigned short MEDIA_ERR_SRC_NOT_SUPPORTED = 4;

  readonly attribute unsigned short code;
  readonly attribute DOMString message;
};

// https://html.spec.whatwg.org/multipage/media.html#htmlaudioelement
[Exposed=Window, LegacyFactoryFunction=Audio(optional DOMString src)]
interface HTMLAudioElement : HTMLMediaElement {
};

// (HTML's MediaProvider is (MediaStream or MediaSource or Blob).)
typedef MediaStream MediaProvider;

// https://html.spec.whatwg.org/multipage/media.html#htmlvideoelement
[Exposed=Window]
interface HTMLVideoElement : HTMLMediaElement {
  attribute unsigned long width;
  attribute unsigned long height;
  readonly attribute unsigned long videoWidth;
  readonly attribute unsigned long videoHeight;
  attribute USVString poster;
  attribute boolean playsInline;
};

// https://html.spec.whatwg.org/multipage/media.html#time-ranges
[Exposed=Window]
interface TimeRanges {
  readonly attribute unsigned long length;
  [Throws] double start(unsigned long index);
  [Throws] double end(unsigned long index);
};

// https://html.spec.whatwg.org/multipage/embedded-content.html#htmlsourceelement
[Exposed=Window]
interface HTMLSourceElement : HTMLElement {
  attribute USVString src;
  attribute DOMString type;
  attribute USVString srcset;
  attribute DOMString sizes;
  attribute DOMString media;
  attribute unsigned long width;
  attribute unsigned long height;
};

// https://html.spec.whatwg.org/multipage/embedded-content.html#htmlpictureelement
[Exposed=Window]
interface HTMLPictureElement : HTMLElement {};
