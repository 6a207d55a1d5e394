// https://streams.spec.whatwg.org/
// Only what Aperture implements: readable streams with the default controller and reader, the
// two queuing strategies, tee() and ReadableStream.from(). Differences from the standard IDL,
// forced by the generator (behaviour as specified):
// * the underlying source and the QueuingStrategy are `any` and converted by hand in
//   dom/streams/ (the generator cannot take an optional `object`, nor keep callbacks returning
//   `any` in a dictionary): members are read in the standard's dictionary order with the same
//   TypeErrors;
// * getReader() returns `any` (the ReadableStreamReader union of the two reader interfaces:
//   the generator has no union of interfaces as a return type);
// * ArrayBufferView arguments are `object` and Uint8Array? is `object?`, because the generator
//   copies ArrayBufferView arguments; the implementation checks the type with the TypeError the
//   conversion would throw (before the other checks, after the dictionary conversion);
// * read() resolves with a plain { value, done } object (ReadableStreamReadResult) built by hand;
// * ByteLengthQueuingStrategy/CountQueuingStrategy's `size` is `object` (the same function per
//   realm, as the standard requires);
// * tee() returns `any` (a two-element Array) because the generator has no sequence of
//   interface returns;
// * WritableStream's underlying sink is `any` and converted by hand like the source.
// TransformStream's transformer and strategies are `any`, converted by hand like the others.

[Exposed=*]
interface ReadableStream {
  [Throws] constructor(optional any underlyingSource, optional any strategy);

  [NewObject, Throws] static ReadableStream from(any asyncIterable);

  readonly attribute boolean locked;

  [NewObject] Promise<undefined> cancel(optional any reason);
  [Throws] any getReader(optional ReadableStreamGetReaderOptions options = {});
  [Throws] ReadableStream pipeThrough(ReadableWritablePair transform, optional StreamPipeOptions options = {});
  [NewObject] Promise<undefined> pipeTo(WritableStream destination, optional StreamPipeOptions options = {});
  [Throws] any tee();

  async iterable<any>(optional ReadableStreamIteratorOptions options = {});
};

dictionary ReadableStreamIteratorOptions {
  boolean preventCancel = false;
};

dictionary ReadableWritablePair {
  required ReadableStream readable;
  required WritableStream writable;
};

dictionary StreamPipeOptions {
  boolean preventClose = false;
  boolean preventAbort = false;
  boolean preventCancel = false;
  AbortSignal signal;
};

enum ReadableStreamReaderMode { "byob" };

dictionary ReadableStreamGetReaderOptions {
  ReadableStreamReaderMode mode;
};

[Exposed=*]
interface ReadableStreamDefaultReader {
  [Throws] constructor(ReadableStream stream);

  [NewObject] Promise<any> read();
  undefined releaseLock();

  // ReadableStreamGenericReader
  readonly attribute Promise<undefined> closed;
  [NewObject] Promise<undefined> cancel(optional any reason);
};

[Exposed=*]
interface ReadableStreamBYOBReader {
  [Throws] constructor(ReadableStream stream);

  [NewObject] Promise<any> read(object view, optional ReadableStreamBYOBReaderReadOptions options = {});
  undefined releaseLock();

  // ReadableStreamGenericReader
  readonly attribute Promise<undefined> closed;
  [NewObject] Promise<undefined> cancel(optional any reason);
};

dictionary ReadableStreamBYOBReaderReadOptions {
  [EnforceRange] unsigned long long min = 1;
};

[Exposed=*]
interface ReadableByteStreamController {
  readonly attribute ReadableStreamBYOBRequest? byobRequest;
  readonly attribute unrestricted double? desiredSize;

  [Throws] undefined close();
  [Throws] undefined enqueue(object chunk);
  undefined error(optional any e);
};

[Exposed=*]
interface ReadableStreamBYOBRequest {
  readonly attribute object? view;

  [Throws] undefined respond([EnforceRange] unsigned long long bytesWritten);
  [Throws] undefined respondWithNewView(object view);
};

[Exposed=*]
interface ReadableStreamDefaultController {
  readonly attribute unrestricted double? desiredSize;

  [Throws] undefined close();
  [Throws] undefined enqueue(optional any chunk);
  undefined error(optional any e);
};

dictionary QueuingStrategyInit {
  required unrestricted double highWaterMark;
};

[Exposed=*]
interface ByteLengthQueuingStrategy {
  constructor(QueuingStrategyInit init);

  readonly attribute unrestricted double highWaterMark;
  readonly attribute object size;
};

[Exposed=*]
interface CountQueuingStrategy {
  constructor(QueuingStrategyInit init);

  readonly attribute unrestricted double highWaterMark;
  readonly attribute object size;
};

[Exposed=*]
interface WritableStream {
  [Throws] constructor(optional any underlyingSink, optional any strategy);

  readonly attribute boolean locked;

  [NewObject] Promise<undefined> abort(optional any reason);
  [NewObject] Promise<undefined> close();
  [Throws] WritableStreamDefaultWriter getWriter();
};

[Exposed=*]
interface WritableStreamDefaultWriter {
  [Throws] constructor(WritableStream stream);

  readonly attribute Promise<undefined> closed;
  [Throws] readonly attribute unrestricted double? desiredSize;
  readonly attribute Promise<undefined> ready;

  [NewObject] Promise<undefined> abort(optional any reason);
  [NewObject] Promise<undefined> close();
  undefined releaseLock();
  [NewObject] Promise<undefined> write(optional any chunk);
};

[Exposed=*]
interface WritableStreamDefaultController {
  readonly attribute AbortSignal signal;
  undefined error(optional any e);
};

[Exposed=*]
interface TransformStream {
  [Throws] constructor(optional any transformer, optional any writableStrategy, optional any readableStrategy);

  readonly attribute ReadableStream readable;
  readonly attribute WritableStream writable;
};

[Exposed=*]
interface TransformStreamDefaultController {
  readonly attribute unrestricted double? desiredSize;
  [Throws] undefined enqueue(optional any chunk);
  undefined error(optional any reason);
  undefined terminate();
};
