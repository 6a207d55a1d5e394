// https://wicg.github.io/video-rvfc/#htmlvideoelement-extensions

dictionary VideoFrameCallbackMetadata {
  required DOMHighResTimeStamp presentationTime;
  required DOMHighResTimeStamp expectedDisplayTime;

  required unsigned long width;
  required unsigned long height;
  required double mediaTime;

  required unsigned long presentedFrames;
  double processingDuration;

  DOMHighResTimeStamp captureTime;
  DOMHighResTimeStamp receiveTime;
  unsigned long rtpTimestamp;
};

callback VideoFrameRequestCallback = undefined(DOMHighResTimeStamp now, VideoFrameCallbackMetadata metadata);

partial interface HTMLVideoElement {
  unsigned long requestVideoFrameCallback(VideoFrameRequestCallback callback);
  undefined cancelVideoFrameCallback(unsigned long handle);
};

// https://w3c.github.io/media-playback-quality/
partial interface HTMLVideoElement {
  VideoPlaybackQuality getVideoPlaybackQuality();
};

[Exposed=Window]
interface VideoPlaybackQuality {
  readonly attribute DOMHighResTimeStamp creationTime;
  readonly attribute unsigned long droppedVideoFrames;
  readonly attribute unsigned long totalVideoFrames;
  // Deprecated by the spec, still in Chromium: always 0 (no frame is ever corrupted here).
  readonly attribute unsigned long corruptedVideoFrames;
};
