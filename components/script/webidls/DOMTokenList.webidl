// https://dom.spec.whatwg.org/#interface-domtokenlist

[Exposed=Window]
interface DOMTokenList {
  readonly attribute unsigned long length;
  getter DOMString? item(unsigned long index);
  boolean contains(DOMString token);
  [Throws] undefined add(DOMString... tokens);
  [Throws] undefined remove(DOMString... tokens);
  [Throws] boolean toggle(DOMString token, optional boolean force);
  [Throws] boolean replace(DOMString token, DOMString newToken);
  [Throws] boolean supports(DOMString token);
  stringifier attribute DOMString value;
  iterable<DOMString>;
};

partial interface Element {
  [SameObject, PutForwards=value] readonly attribute DOMTokenList classList;
};
