// https://drafts.csswg.org/cssom/#namespacedef-css and
// https://drafts.csswg.org/css-conditional-3/#the-css-namespace: supports() answers from the
// properties Aperture validates (src/dom/css/cssproperties.rs; custom properties take any
// <declaration-value>) and, for selector(), the selectors querySelector() parses.

[Exposed=Window]
namespace CSS {
  CSSOMString escape(CSSOMString ident);
  boolean supports(CSSOMString property, CSSOMString value);
  boolean supports(CSSOMString conditionText);
};
