//! Messages to and from the canvas thread (being built; see issue 6).
