//! DUKPT: derived unique key per transaction.
//!
//! - [`tdes`]: ANSI X9.24-1:2009 TDES DUKPT (10-byte KSN, 21-bit counter).
//! - [`aes`]: ANSI X9.24-3:2017 AES DUKPT (12-byte KSN, 32-bit counter).
//!
//! Each has a host side (BDK → key for any KSN) and a device side (the
//! originator with its future-key / intermediate-key registers, whose state
//! the caller saves and restores).

pub mod aes;
pub mod tdes;
