// https://w3c.github.io/webcrypto/#crypto-interface
// `subtle` (SubtleCrypto) is in SubtleCrypto.webidl, with digest() only.
// FIXME: getRandomValues() is declared with `object` instead of ArrayBufferView because the
// bindings generator copies ArrayBufferView arguments; the implementation checks the type as
// the IDL conversion would (TypeError for a non-view) and fills the caller's own array.

[Exposed=(Window,Worker)]
interface Crypto {
  [Throws] object getRandomValues(object array);
  [SecureContext] DOMString randomUUID();
};

partial interface mixin WindowOrWorkerGlobalScope {
  [SameObject] readonly attribute Crypto crypto;
};
