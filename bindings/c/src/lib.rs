//! C API of posguard: the header is `ffi-include/posguard.h`, generated from
//! this crate by `cargo xtask gen` (cbindgen).
//!
//! The binding is thin: it converts C arguments to Rust types, maps
//! `posguard::Error` to [`Status`], owns [`PosguardKey`] handles and catches
//! every panic. Conventions shared by all functions:
//!
//! - Every function is named `posguard_*` and, when it can fail, returns a
//!   `posguard_status`; no state is kept between calls (no "last error").
//! - Binary inputs are pointer + length; a length of 0 accepts a NULL pointer.
//!   Text inputs (algorithm and usage names, PIN and PAN digits) are
//!   NUL-terminated UTF-8 strings; a NULL PAN means "no PAN".
//! - Binary outputs go to a caller buffer `out[out_cap]`; `*out_len` receives
//!   the length written. When the buffer is too small the status is
//!   `POSGUARD_STATUS_BUFFER_TOO_SMALL`, `*out_len` receives the size needed and
//!   `out` is not touched; on every other failure neither is written.
//! - Text outputs (decoded PINs, tag names, the TLV description) are written
//!   NUL-terminated into a caller `char` buffer; where there is an `*out_len`
//!   it counts the NUL.
//! - TLV iteration allocates nothing: the objects it yields point into the
//!   caller's buffer.

mod args;
mod dol;
mod key;
mod pin;
mod status;
mod tag;
mod tlv;
mod values;

// TR-31, DUKPT, MACs and data: after the above in the header.
mod data;
mod dukpt_aes;
mod dukpt_tdes;
mod mac;
mod tr31;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use data::*;
pub use dol::*;
pub use dukpt_aes::*;
pub use dukpt_tdes::*;
pub use key::*;
pub use mac::*;
pub use pin::*;
pub use status::*;
pub use tag::*;
pub use tlv::*;
pub use tr31::*;

/// Runs the body of an entry point that returns a status: an error becomes
/// its status, and a panic becomes `POSGUARD_STATUS_PANIC` instead of
/// unwinding into C.
fn entry(body: impl FnOnce() -> Result<(), Status>) -> Status {
    guard(Status::Panic, || match body() {
        Ok(()) => Status::Ok,
        Err(status) => status,
    })
}

/// Runs the body of an entry point that returns a value, with `on_panic` as
/// the value when it panics.
fn guard<T>(on_panic: T, body: impl FnOnce() -> T) -> T {
    // Nothing a body borrows is left half-updated by a panic: keys are only
    // read, and outputs are written last, in one copy.
    catch_unwind(AssertUnwindSafe(body)).unwrap_or(on_panic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_a_status_or_the_fallback() {
        assert_eq!(entry(|| panic!("test panic")), Status::Panic);
        assert_eq!(entry(|| Err(Status::InvalidPin)), Status::InvalidPin);
        assert_eq!(guard(7, || panic!("test panic")), 7);
    }
}
