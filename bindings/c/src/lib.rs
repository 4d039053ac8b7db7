//! C API of posguard.
