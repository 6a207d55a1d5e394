// https://w3c.github.io/hr-time/#sec-performance

[Exposed=Window]
interface Performance : EventTarget {
  DOMHighResTimeStamp now();
  readonly attribute DOMHighResTimeStamp timeOrigin;
  [Default] object toJSON();
};
