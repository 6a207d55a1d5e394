// https://dom.spec.whatwg.org/#interface-domtokenlist

[Exposed=Window]
interface DOMTokenList {
  readonly attribute unsigned long length;
  getter DOMString? item(unsigned long index);
  boolean contains(DOMString token);
  [CEReactions, Throws] undefined add(DOMString... tokens);
  [CEReactions, Throws] undefined remove(DOMString... tokens);
  [CEReactions, Throws] boolean toggle(DOMString token, optional boolean force);
  [CEReactions, Throws] boolean replace(DOMString token, DOMString newToken);
  [Throws] boolean supports(DOMString token);
  [CEReactions] stringifier attribute DOMString value;
  iterable<DOMString>;
};

partial interface Element {
  [SameObject, PutForwards=value] readonly attribute DOMTokenList classList;
};
