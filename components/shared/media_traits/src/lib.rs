//! Messages to and from the media thread (being built; see issue 5).
