// https://w3c.github.io/beacon/#sec-sendBeacon-method

partial interface Navigator {
  [Throws] boolean sendBeacon(USVString url, optional BodyInit? data = null);
};
