//! `#[dom_struct]` and `#[derive(JSTraceable)]` for Aperture's DOM structs.
//!
//! A DOM struct is owned by its JavaScript reflector and found again from it
//! by pointer, so its layout is part of the bindings contract:
//! * `#[repr(C)]`, and its **first field** is either the `Reflector` (for a root
//!   interface such as `EventTarget`) or the struct of the parent interface.
//!   A pointer to a derived struct is then also a valid pointer to each of its
//!   ancestors, which is how the generated bindings upcast.
//! * Every field is traced by the garbage collector unless marked
//!   `#[no_trace]` (plain data that can never hold a JS value or DOM object).

use proc_macro::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields, parse_macro_input};

/// Marks a DOM struct: adds `#[repr(C)]`, derives `JSTraceable`, and checks at
/// compile time that the first field sits at offset 0.
#[proc_macro_attribute]
pub fn dom_struct(args: TokenStream, input: TokenStream) -> TokenStream {
    if !args.is_empty() {
        return syn::Error::new(proc_macro2::Span::call_site(), "#[dom_struct] takes no arguments")
            .to_compile_error()
            .into();
    }
    let item = parse_macro_input!(input as DeriveInput);
    let name = &item.ident;
    let first_field = match &item.data {
        Data::Struct(s) => match &s.fields {
            Fields::Named(named) => named.named.first().and_then(|f| f.ident.clone()),
            _ => None,
        },
        _ => None,
    };
    let Some(first_field) = first_field else {
        return syn::Error::new_spanned(
            &item.ident,
            "#[dom_struct] needs a struct with named fields whose first field is the Reflector or the parent interface's struct",
        )
        .to_compile_error()
        .into();
    };
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();
    let check = if item.generics.params.is_empty() {
        quote! {
            const _: () = assert!(::core::mem::offset_of!(#name, #first_field) == 0);
            impl #impl_generics crate::dom::bindings::inheritance::FirstField for #name #ty_generics #where_clause {}
        }
    } else {
        quote! {}
    };
    quote! {
        #[repr(C)]
        #[derive(crate::dom::bindings::trace::JSTraceable)]
        #item
        #check
    }
    .into()
}

/// Derives `JSTraceable` by tracing every field except those marked `#[no_trace]`.
#[proc_macro_derive(JSTraceable, attributes(no_trace))]
pub fn derive_js_traceable(input: TokenStream) -> TokenStream {
    let item = parse_macro_input!(input as DeriveInput);
    let name = &item.ident;
    let (impl_generics, ty_generics, where_clause) = item.generics.split_for_impl();

    let is_skipped = |attrs: &[syn::Attribute]| attrs.iter().any(|a| a.path().is_ident("no_trace"));

    let body = match &item.data {
        Data::Struct(s) => {
            let traces =
                s.fields.iter().enumerate().filter(|(_, f)| !is_skipped(&f.attrs)).map(|(i, f)| match &f.ident {
                    Some(ident) => quote! { crate::dom::bindings::trace::JSTraceable::trace(&self.#ident, trc); },
                    None => {
                        let index = syn::Index::from(i);
                        quote! { crate::dom::bindings::trace::JSTraceable::trace(&self.#index, trc); }
                    }
                });
            quote! { #(#traces)* }
        }
        Data::Enum(e) => {
            let arms = e.variants.iter().map(|v| {
                let vname = &v.ident;
                match &v.fields {
                    Fields::Named(named) => {
                        let idents: Vec<_> = named.named.iter().map(|f| f.ident.clone().unwrap()).collect();
                        let traced = named
                            .named
                            .iter()
                            .filter(|f| !is_skipped(&f.attrs))
                            .map(|f| f.ident.clone().unwrap());
                        quote! { #name::#vname { #(#idents),* } => { #( crate::dom::bindings::trace::JSTraceable::trace(#traced, trc); )* let _ = (#(#idents),*); } }
                    }
                    Fields::Unnamed(unnamed) => {
                        let binds: Vec<_> = (0..unnamed.unnamed.len())
                            .map(|i| syn::Ident::new(&format!("f{i}"), proc_macro2::Span::call_site()))
                            .collect();
                        let traced: Vec<_> = unnamed
                            .unnamed
                            .iter()
                            .zip(&binds)
                            .filter(|(f, _)| !is_skipped(&f.attrs))
                            .map(|(_, b)| b.clone())
                            .collect();
                        quote! { #name::#vname ( #(#binds),* ) => { #( crate::dom::bindings::trace::JSTraceable::trace(#traced, trc); )* let _ = (#(#binds),*); } }
                    }
                    Fields::Unit => quote! { #name::#vname => {} },
                }
            });
            quote! { match self { #(#arms)* } }
        }
        Data::Union(_) => {
            return syn::Error::new_spanned(&item.ident, "JSTraceable cannot be derived for unions")
                .to_compile_error()
                .into();
        }
    };

    quote! {
        unsafe impl #impl_generics crate::dom::bindings::trace::JSTraceable for #name #ty_generics #where_clause {
            #[inline]
            #[allow(unused_variables)]
            unsafe fn trace(&self, trc: *mut ::mozjs::jsapi::JSTracer) {
                #body
            }
        }
    }
    .into()
}
