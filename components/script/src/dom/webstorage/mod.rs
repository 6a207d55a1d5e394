//! Web Storage (<https://html.spec.whatwg.org/multipage/webstorage.html>): `localStorage` and
//! `sessionStorage`, in memory, per origin, on the script thread (one engine's pages share it;
//! another engine has its own). Nothing is written to disk: a headless host has no profile.

pub mod storage;
