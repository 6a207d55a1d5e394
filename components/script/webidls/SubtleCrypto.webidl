// https://w3c.github.io/webcrypto/#subtlecrypto-interface
// Only digest() is implemented (SHA-1, SHA-256, SHA-384, SHA-512); encrypt, decrypt, sign,
// verify, key generation, derivation, import, export, wrapping and CryptoKey are absent.
// FIXME: AlgorithmIdentifier is (object or DOMString); the generator has no object union
// members, so digest() takes `any` and normalizes it as the spec does.

dictionary Algorithm {
  required DOMString name;
};

[SecureContext, Exposed=(Window,Worker)]
interface SubtleCrypto {
  Promise<ArrayBuffer> digest(any algorithm, BufferSource data);
};

partial interface Crypto {
  [SecureContext, SameObject] readonly attribute SubtleCrypto subtle;
};
