// https://html.spec.whatwg.org/multipage/media.html#htmlmediaelement
// The members Aperture implements: a media element plays a MediaStream
// (`srcObject`); `src`, seeking, text tracks and audio output are not supported.

[Exposed=Window]
interface HTMLMediaElement : HTMLElement {
  // network state
  attribute MediaProvider? srcObject;
  const unsigned short NETWORK_EMPTY = 0;
  const unsigned short NETWORK_IDLE = 1;
  const unsigned short NETWORK_LOADING = 2;
  const unsigned short NETWORK_NO_SOURCE = 3;
  readonly attribute unsigned short networkState;

  // ready state
  const unsigned short HAVE_NOTHING = 0;
  const unsigned short HAVE_METADATA = 1;
  const unsigned short HAVE_CURRENT_DATA = 2;
  const unsigned short HAVE_FUTURE_DATA = 3;
  const unsigned short HAVE_ENOUGH_DATA = 4;
  readonly attribute unsigned short readyState;

  // playback state
  readonly attribute unrestricted double duration;
  readonly attribute boolean paused;
  readonly attribute boolean ended;
  attribute boolean autoplay;
  Promise<undefined> play();
  undefined pause();

  // controls
  attribute boolean controls;
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
  attribute boolean playsInline;
};
