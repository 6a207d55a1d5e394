// https://html.spec.whatwg.org/multipage/scripting.html#the-template-element

[Exposed=Window]
interface HTMLTemplateElement : HTMLElement {
  // [HTMLConstructor] constructor(): Aperture has no custom elements, so no HTML constructors.
  readonly attribute DocumentFragment content;
  // shadowRootMode, shadowRootDelegatesFocus, shadowRootClonable and
  // shadowRootSerializable (declarative shadow DOM) are left out: Aperture has no shadow trees.
};
