// https://w3c.github.io/mediacapture-transform/ (MediaStreamTrackProcessor) and the legacy
// MediaStreamTrackGenerator that Chromium ships (its explainer:
// https://github.com/w3c/mediacapture-transform/blob/main/explainer.md).
// Exposed on Window, as in Chromium (the spec exposes MediaStreamTrackProcessor and its
// successor VideoTrackGenerator on DedicatedWorker only; Aperture's workers have no media
// thread and tracks are not transferable yet). Video only: there is no AudioData, so a
// processor of an audio track and an "audio" generator throw NotSupportedError.

[Exposed=Window]
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

[Exposed=Window]
interface MediaStreamTrackGenerator : MediaStreamTrack {
  [Throws] constructor((DOMString or MediaStreamTrackGeneratorInit) init);
  readonly attribute WritableStream writable;
};

dictionary MediaStreamTrackGeneratorInit {
  required DOMString kind;
};
