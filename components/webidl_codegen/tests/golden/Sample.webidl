// A small interface exercising most generator features; its output is
// compared with Sample.rs (UPDATE_GOLDEN=1 cargo test -p webidl_codegen rewrites it).

[Exposed=Window, LegacyFactoryFunction=MakeBase(optional long size)]
interface Base {
  [LegacyUnforgeable] readonly attribute DOMString name;
  [SetterThrows] attribute DOMString label;
  iterable<DOMString, long>;
};

[Exposed=Window, SecureContext]
interface Sample : Base {
  constructor(optional SampleInit init = {});
  const unsigned short ONE = 1;
  attribute double ratio;
  [SameObject] readonly attribute Base base;
  readonly attribute any value;
  [Throws] undefined check(long a, optional [Clamp] octet b);
  Promise<undefined> later(SampleMode mode);
  undefined pick(Base base);
  undefined pick(DOMString name, boolean exact);
  undefined pick(long count);
  static Sample create();
  [Pref=sample_pref] undefined hidden();
  Uint8ClampedArray pixels(Uint8ClampedArray data);
  Float32Array floats(Uint8Array bytes);
  stringifier;
};

dictionary SampleInit {
  SampleMode mode = "slow";
  double weight = 0.5;
  required boolean flag;
  (boolean or SampleInit) nested;
};

enum SampleMode { "slow", "fast-path" };

callback SampleCallback = undefined (DOMString text, Base? base);

// Named properties: anonymous special operations, [LegacyOverrideBuiltIns].
[Exposed=Window, LegacyOverrideBuiltIns]
interface SampleMap {
  getter DOMString (DOMString name);
  [Throws] setter undefined (DOMString name, DOMString value);
  deleter undefined (DOMString name);
};

// Named properties through regular operations, beside an indexed getter.
[Exposed=Window, LegacyUnenumerableNamedProperties]
interface SampleStore {
  readonly attribute unsigned long length;
  getter DOMString? key(unsigned long index);
  getter DOMString? getItem(DOMString key);
  setter undefined setItem(DOMString key, long value);
  deleter boolean removeItem(DOMString key);
};

// Inherits SampleStore's indexed and named getters (so it is a proxy too) and adds an indexed
// setter.
[Exposed=Window]
interface SampleStoreWithSetter : SampleStore {
  [Throws] setter undefined (unsigned long index, DOMString? value);
};

// A setlike (<https://webidl.spec.whatwg.org/#idl-setlike>): size, has() and the iteration
// members come from the declaration; a modifiable one declares add/delete/clear.
[Exposed=Window]
interface SampleSet {
  SampleSet add(Base value);
  boolean delete(Base value);
  undefined clear();
  setlike<Base>;
};
