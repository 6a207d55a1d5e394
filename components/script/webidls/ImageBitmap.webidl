// https://html.spec.whatwg.org/multipage/imagebitmap-and-animations.html#images-2
// Serializable (structuredClone shares the pixels); not Transferable yet.

[Exposed=(Window,Worker)]
interface ImageBitmap {
  readonly attribute unsigned long width;
  readonly attribute unsigned long height;
  undefined close();
};

// The HTML typedef is (CanvasImageSource or Blob or ImageData); CanvasImageSource's
// SVGImageElement is not here (Aperture has no SVG images).
typedef (HTMLImageElement or HTMLVideoElement or HTMLCanvasElement or ImageBitmap or OffscreenCanvas or VideoFrame or Blob or ImageData) ImageBitmapSource;

// HTML has "from-image" and "flipY"; "none" is the older spelling that Chromium still accepts,
// now with the meaning of "from-image" (pages written for it keep working).
enum ImageOrientation { "from-image", "flipY", "none" };
enum PremultiplyAlpha { "none", "premultiply", "default" };
enum ColorSpaceConversion { "none", "default" };
enum ResizeQuality { "pixelated", "low", "medium", "high" };

dictionary ImageBitmapOptions {
  ImageOrientation imageOrientation = "from-image";
  PremultiplyAlpha premultiplyAlpha = "default";
  ColorSpaceConversion colorSpaceConversion = "default";
  [EnforceRange] unsigned long resizeWidth;
  [EnforceRange] unsigned long resizeHeight;
  ResizeQuality resizeQuality = "low";
};

partial interface mixin WindowOrWorkerGlobalScope {
  Promise<ImageBitmap> createImageBitmap(ImageBitmapSource image, optional ImageBitmapOptions options = {});
  Promise<ImageBitmap> createImageBitmap(ImageBitmapSource image, long sx, long sy, long sw, long sh, optional ImageBitmapOptions options = {});
};
