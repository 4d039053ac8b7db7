//! Python bindings of posguard.
