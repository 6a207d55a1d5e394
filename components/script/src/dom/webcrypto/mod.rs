//! Web Cryptography (<https://w3c.github.io/webcrypto/>): `crypto.getRandomValues()` and
//! `crypto.randomUUID()` from the operating system's generator (`getrandom`). `SubtleCrypto` is
//! not implemented.

pub mod crypto;
pub mod subtlecrypto;
