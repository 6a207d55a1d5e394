//! `SubtleCrypto` (<https://w3c.github.io/webcrypto/#subtlecrypto-interface>) with its one
//! implemented operation, `digest()`: SHA-1 (`sha1_smol`) and SHA-256/384/512 (`sha2`), hashed
//! off the script thread.

use std::rc::Rc;

use dom_struct::dom_struct;
use mozjs::context::JSContext;
use mozjs::rust::HandleValue;
use sha2::Digest;

use crate::dom::bindings::classes::reflect_dom_object;
use crate::dom::bindings::codegen::Dictionaries::Algorithm;
use crate::dom::bindings::codegen::SubtleCryptoBinding::SubtleCryptoMethods;
use crate::dom::bindings::codegen::Unions::ArrayBufferViewOrArrayBuffer as BufferSource;
use crate::dom::bindings::conversions::{ArrayBufferBytes, FromJSVal};
use crate::dom::bindings::error::Error;
use crate::dom::bindings::promise::Promise;
use crate::dom::bindings::reflector::Reflector;
use crate::dom::bindings::root::DomRoot;
use crate::dom::globalscope::DomGlobal;
use crate::dom::html::window::Window;

#[dom_struct]
pub struct SubtleCrypto {
    reflector_: Reflector,
}

/// The digest algorithms, by their registered names.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DigestAlgorithm {
    Sha1,
    Sha256,
    Sha384,
    Sha512,
}

impl DigestAlgorithm {
    fn hash(self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestAlgorithm::Sha1 => sha1_smol::Sha1::from(data).digest().bytes().to_vec(),
            DigestAlgorithm::Sha256 => sha2::Sha256::digest(data).to_vec(),
            DigestAlgorithm::Sha384 => sha2::Sha384::digest(data).to_vec(),
            DigestAlgorithm::Sha512 => sha2::Sha512::digest(data).to_vec(),
        }
    }
}

impl SubtleCrypto {
    pub fn new(cx: &mut JSContext, window: &Window) -> DomRoot<SubtleCrypto> {
        reflect_dom_object(cx, Box::new(SubtleCrypto { reflector_: Reflector::new() }), window)
    }
}

/// "Normalize an algorithm" (<https://w3c.github.io/webcrypto/#algorithm-normalization-normalize-an-algorithm>)
/// for the "digest" operation.
fn normalize_digest_algorithm(cx: &mut JSContext, algorithm: HandleValue) -> Result<DigestAlgorithm, Error> {
    // If alg is an instance of a DOMString: return the result of normalizing { name: alg }.
    // If alg is an object: 1. Let initialAlg be the result of converting alg to the IDL
    // dictionary type Algorithm (a TypeError for a missing name; a getter's exception
    // propagates).
    let name = if algorithm.get().is_string() {
        let Ok(Ok(name)) = crate::dom::bindings::str::DOMString::from_jsval(
            cx,
            algorithm,
            crate::dom::bindings::conversions::StringificationBehavior::Default,
        ) else {
            return Err(Error::JSFailed);
        };
        name.to_string()
    } else if algorithm.get().is_object() {
        match Algorithm::from_jsval(cx, algorithm, ()) {
            Ok(Ok(dict)) => dict.name.to_string(),
            Ok(Err(failure)) => return Err(Error::Type(failure.describe("The algorithm"))),
            Err(()) => return Err(Error::JSFailed),
        }
    } else {
        return Err(Error::Type("The algorithm is neither a string nor an object.".into()));
    };
    // 2. Let algName be the value of the name attribute of initialAlg. 3. If registeredAlgorithms
    //    contains a key that is a case-insensitive string match for algName, use it; otherwise
    //    return a new NotSupportedError.
    match name.to_ascii_uppercase().as_str() {
        "SHA-1" => Ok(DigestAlgorithm::Sha1),
        "SHA-256" => Ok(DigestAlgorithm::Sha256),
        "SHA-384" => Ok(DigestAlgorithm::Sha384),
        "SHA-512" => Ok(DigestAlgorithm::Sha512),
        _ => Err(Error::NotSupported(format!("Unrecognized name for digest: {name}"))),
    }
}

impl SubtleCryptoMethods for SubtleCrypto {
    /// <https://w3c.github.io/webcrypto/#SubtleCrypto-method-digest>
    fn Digest(&self, cx: &mut JSContext, algorithm: HandleValue, data: BufferSource) -> Rc<Promise> {
        let window = self.global();
        // 1. Let algorithm be the algorithm parameter passed to the digest() method.
        // 2. Let data be the result of getting a copy of the bytes held by the data parameter.
        let data = match data {
            BufferSource::ArrayBufferView(view) => view.0,
            BufferSource::ArrayBuffer(buffer) => buffer.0,
        };
        // 3. Let normalizedAlgorithm be the result of normalizing an algorithm, with alg set to
        //    algorithm and op set to "digest".
        // 4. If an error occurred, return a Promise rejected with normalizedAlgorithm.
        let normalized = match normalize_digest_algorithm(cx, algorithm) {
            Ok(normalized) => normalized,
            Err(error) => return Promise::new_rejected(cx, &window, error),
        };
        // 5. Let realm be the relevant realm of this. 6. Let promise be a new Promise.
        let promise = Promise::new(cx, &window);
        // 7. Return promise and perform the remaining steps in parallel.
        let result = promise.clone();
        crate::parallel::in_parallel(
            "digest",
            // 10. Let digest be the result of performing the digest operation specified by
            //     normalizedAlgorithm using algorithm, with data as message.
            move || normalized.hash(&data),
            // 11. Queue a global task on the crypto task source, given realm's global object,
            //     to perform the remaining steps: 1. Let result be the result of creating an
            //     ArrayBuffer in realm, containing digest. 2. Resolve promise with result.
            move |cx, digest| match digest {
                Some(digest) => result.resolve_native(cx, &ArrayBufferBytes(digest)),
                None => result.reject_error(cx, Error::Operation("the digest could not be computed".into())),
            },
        );
        promise
    }
}
