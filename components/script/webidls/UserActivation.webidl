// https://html.spec.whatwg.org/multipage/interaction.html#the-useractivation-interface
// Activation comes from trusted input: clicks and keys an embedder sends (Engine::send_input)
// or WPT's testdriver asks for.

[Exposed=Window]
interface UserActivation {
  readonly attribute boolean hasBeenActive;
  readonly attribute boolean isActive;
};

partial interface Navigator {
  [SameObject] readonly attribute UserActivation userActivation;
};
