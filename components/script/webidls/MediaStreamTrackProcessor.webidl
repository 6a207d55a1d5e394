// https://w3c.github.io/mediacapture-transform/ (MediaStreamTrackProcessor, VideoTrackGenerator)
// and the legacy MediaStreamTrackGenerator that Chromium ships (its explainer:
// https://github.com/w3c/mediacapture-transform/blob/main/explainer.md).
// MediaStreamTrackProcessor is exposed on Window as well as in dedicated workers, as in
// Chromium (the spec exposes it in dedicated workers only); a worker gets a window's track by
// transfer. VideoTrackGenerator is in dedicated workers only, as the spec says. Video only:
// there is no AudioData, so a processor of an audio track and an "audio" generator throw
// NotSupportedError.

[Exposed=(Window,DedicatedWorker)]
interface MediaStreamTrackProcessor {
  // Chromium's first form, which its legacy WPT files and older pages use.
  [Throws] constructor(MediaStreamTrack track, optional unsigned short maxBufferSize);
  [Throws] constructor(MediaStreamTrackProcessorInit init);
  readonly attribute ReadableStream readable;
};

dictionary MediaStreamTrackProcessorInit {
  required MediaStreamTrack track;
  [EnforceRange] unsigned short maxBufferSize;
};

[Exposed=DedicatedWorker]
interface VideoTrackGenerator {
  [Throws] constructor();
  readonly attribute WritableStream writable;
  attribute boolean muted;
  readonly attribute MediaStreamTrack track;
};

[Exposed=(Window,DedicatedWorker)]
interface MediaStreamTrackGenerator : MediaStreamTrack {
  [Throws] constructor((DOMString or MediaStreamTrackGeneratorInit) init);
  readonly attribute WritableStream writable;
};

dictionary MediaStreamTrackGeneratorInit {
  required DOMString kind;
};
