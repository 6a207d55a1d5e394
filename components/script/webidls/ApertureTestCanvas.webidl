// Test-only canvas hooks on window.apertureTest ([Pref=dom_testing_enabled]
// through ApertureTestHooks; see ApertureTest.webidl). They drive the
// captureStream() frame model (dom/canvas/canvascapture.rs) directly, count
// what it decided and what reached the media thread, and taint a canvas as
// drawing a cross-origin image would (no cross-origin images exist yet).

partial interface ApertureTestHooks {
  // Starts capturing canvas as captureStream(frameRequestRate) does, with
  // the same argument checks; returns a capture id.
  [Throws] unsigned long startCanvasCapture(HTMLCanvasElement canvas, optional double frameRequestRate);
  // requestFrame() for a capture.
  undefined requestCanvasFrame(unsigned long capture);
  // Ends a capture (as stopping its track does).
  undefined stopCanvasCapture(unsigned long capture);
  // Frames the capture appended at rendering updates so far.
  unsigned long canvasCaptureFrameCount(unsigned long capture);
  // Frames the media thread has received from the capture's source (the
  // promise settles after every command sent before the call).
  Promise<unsigned long> canvasCaptureMediaFrameCount(unsigned long capture);
  // Whether the capture stopped (taint or stopCanvasCapture).
  boolean canvasCaptureStopped(unsigned long capture);
  // Sets the canvas's origin-clean flag to false.
  undefined taintCanvas(HTMLCanvasElement canvas);
  // Rendering updates that flushed at least one dirty canvas.
  readonly attribute unsigned long canvasRenderingUpdateCount;
  // Sizes of the canvas thread's tables, after every command sent before
  // the call (leak tests).
  CanvasThreadCounts canvasThreadCounts();
};

dictionary CanvasThreadCounts {
  unsigned long canvases = 0;
  unsigned long captureClocks = 0;
  unsigned long webFonts = 0;
};
