// https://w3c.github.io/mediacapture-fromelement/
// Only the canvas half: HTMLMediaElement.captureStream() is absent, because
// Aperture plays no media files (a <video> plays a MediaStream and nothing
// else, so there is nothing of its own to capture). See docs/canvas-capture.md.

partial interface HTMLCanvasElement {
  [Throws] MediaStream captureStream(optional double frameRequestRate);
};

[Exposed=Window]
interface CanvasCaptureMediaStreamTrack : MediaStreamTrack {
  readonly attribute HTMLCanvasElement canvas;
  undefined requestFrame();
};
