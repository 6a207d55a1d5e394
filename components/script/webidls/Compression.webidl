// https://compression.spec.whatwg.org/#idl-index
// "brotli" is in the enum, as the standard has it, and its constructors throw TypeError: Aperture
// has no brotli codec ("If format is unsupported …, then throw a TypeError").

enum CompressionFormat {
  "brotli",
  "deflate",
  "deflate-raw",
  "gzip",
};

[Exposed=*]
interface CompressionStream {
  [Throws] constructor(CompressionFormat format);
};
CompressionStream includes GenericTransformStream;

[Exposed=*]
interface DecompressionStream {
  [Throws] constructor(CompressionFormat format);
};
DecompressionStream includes GenericTransformStream;
