// https://html.spec.whatwg.org/multipage/custom-elements.html#customelementregistry
// Autonomous custom elements only: define() with `extends` throws "NotSupportedError".
// Deviations forced by the bindings generator: CustomElementConstructor is a plain callback
// (the spec's `callback constructor … = HTMLElement ()`; define() checks IsConstructor), get()
// returns any (the spec's `(CustomElementConstructor or undefined)`), whenDefined()'s promise
// is Promise<any>, and Window.customElements lacks [Replaceable]. No scoped registries
// (initialize(), the constructor).

[Exposed=Window]
interface CustomElementRegistry {
  [CEReactions, Throws] undefined define(DOMString name, CustomElementConstructor constructor, optional ElementDefinitionOptions options = {});
  any get(DOMString name);
  DOMString? getName(CustomElementConstructor constructor);
  Promise<any> whenDefined(DOMString name);
  [CEReactions] undefined upgrade(Node root);
};

callback CustomElementConstructor = any ();

dictionary ElementDefinitionOptions {
  DOMString extends;
};

partial interface Window {
  [SameObject] readonly attribute CustomElementRegistry customElements;
};

// https://html.spec.whatwg.org/multipage/dom.html#htmlelement: the constructor custom elements
// call with super().
partial interface HTMLElement {
  [HTMLConstructor] constructor();
};
