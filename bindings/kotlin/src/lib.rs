//! Kotlin bindings of posguard.
