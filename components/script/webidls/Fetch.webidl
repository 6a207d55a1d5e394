// https://fetch.spec.whatwg.org/
// Only what Aperture implements. Notable differences from the standard IDL:
// * there is no Request interface: fetch() takes a URL string
//   (RequestInfo is only USVString here);
// * Headers has no pair iterator (the generator has no pair iterables yet),
//   so a Headers object cannot convert as a sequence: HeadersInit accepts a
//   Headers object directly instead;
// * RequestInit has only method, headers, body and signal (no mode, cache…).

typedef (Headers or sequence<sequence<ByteString>> or record<ByteString, ByteString>) HeadersInit;
// https://xhr.spec.whatwg.org/#typedefdef-xmlhttprequestbodyinit (BodyInit is this, without
// ReadableStream: Aperture has no streams yet).
typedef (Blob or BufferSource or FormData or URLSearchParams or USVString) XMLHttpRequestBodyInit;
typedef XMLHttpRequestBodyInit BodyInit;

// https://fetch.spec.whatwg.org/#headers-class
[Exposed=Window]
interface Headers {
  constructor(optional HeadersInit init);

  [Throws] undefined append(ByteString name, ByteString value);
  [Throws] undefined delete(ByteString name);
  [Throws] ByteString? get(ByteString name);
  sequence<ByteString> getSetCookie();
  [Throws] boolean has(ByteString name);
  [Throws] undefined set(ByteString name, ByteString value);
  iterable<ByteString, ByteString>;
};

// https://fetch.spec.whatwg.org/#response-class
[Exposed=Window]
interface Response {
  constructor(optional BodyInit? body = null, optional ResponseInit init = {});

  [NewObject] static Response error();

  readonly attribute ResponseType type;

  readonly attribute USVString url;
  readonly attribute boolean redirected;
  readonly attribute unsigned short status;
  readonly attribute boolean ok;
  readonly attribute ByteString statusText;
  [SameObject] readonly attribute Headers headers;

  [NewObject, Throws] Response clone();

  // https://fetch.spec.whatwg.org/#body-mixin
  readonly attribute boolean bodyUsed;
  [NewObject] Promise<ArrayBuffer> arrayBuffer();
  [NewObject] Promise<Blob> blob();
  [NewObject] Promise<any> json();
  [NewObject] Promise<USVString> text();
};

dictionary ResponseInit {
  unsigned short status = 200;
  ByteString statusText = "";
  HeadersInit headers;
};

enum ResponseType { "basic", "cors", "default", "error", "opaque", "opaqueredirect" };

dictionary RequestInit {
  ByteString method;
  HeadersInit headers;
  BodyInit? body;
  AbortSignal? signal;
};

// https://fetch.spec.whatwg.org/#fetch-method
partial interface Window {
  [NewObject] Promise<Response> fetch(USVString input, optional RequestInit init = {});
};
