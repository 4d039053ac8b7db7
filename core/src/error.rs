//! The one error type of posguard.
//!
//! Every variant has a stable numeric [`Error::code`] (the C status, the
//! Kotlin and Python exception code) and an [`ErrorKind`] that bindings map to
//! their exception classes. Messages name what was wrong, never a key, a PIN,
//! a clear PIN block or a PAN.

use core::fmt;

use crate::key::{Algorithm, KeyUsage, ModeOfUse};
use crate::pin::{PinFormat, WeakPinReason};
use crate::tlv::TlvErrorReason;

/// Result alias used across the crate.
pub type Result<T, E = Error> = core::result::Result<T, E>;

/// Everything that can go wrong in posguard.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Key material has a length the algorithm does not allow.
    #[error("invalid key length: {len} bytes is not a valid {algorithm} key length")]
    InvalidKeyLength {
        /// The algorithm asked for.
        algorithm: Algorithm,
        /// The length given.
        len: usize,
    },
    /// Key material is structurally weak (e.g. TDES halves equal: single DES in disguise).
    #[error("weak key: {0}")]
    WeakKey(&'static str),
    /// The key's usage or mode of use does not permit the operation.
    #[error("key usage: a {usage} key with mode {mode} cannot be used to {operation}")]
    KeyUsage {
        /// The key's usage.
        usage: KeyUsage,
        /// The key's mode of use.
        mode: ModeOfUse,
        /// What was attempted.
        operation: &'static str,
    },
    /// The key's algorithm does not fit the operation (e.g. an AES key for PIN format 0).
    #[error("key algorithm: {operation} needs a {needed} key, not {actual}")]
    KeyAlgorithm {
        /// What the operation needs.
        needed: &'static str,
        /// The key's algorithm.
        actual: Algorithm,
        /// What was attempted.
        operation: &'static str,
    },
    /// An algorithm name or code that posguard does not know.
    #[error("unknown algorithm")]
    UnknownAlgorithm,
    /// A key usage name or TR-31 code that posguard does not know.
    #[error("unknown key usage")]
    UnknownKeyUsage,
    /// A mode of use that is unknown or not allowed for the key usage.
    #[error("invalid mode of use: {0}")]
    InvalidModeOfUse(&'static str),
    /// A PIN that is not 4 to 12 decimal digits.
    #[error("invalid PIN: {0}")]
    InvalidPin(&'static str),
    /// A PAN that is not digits, or has a length the format does not allow.
    #[error("invalid PAN: {0}")]
    InvalidPan(&'static str),
    /// A PIN block of the wrong size, or whose decoded fields are malformed.
    #[error("invalid PIN block: {0}")]
    InvalidPinBlock(&'static str),
    /// A PIN block format name or number that posguard does not know.
    #[error("unknown PIN block format")]
    UnknownPinFormat,
    /// A translation the ISO 9564 / PCI PIN rules forbid.
    #[error("forbidden PIN block translation from {from} to {to}")]
    ForbiddenTranslation {
        /// Source format.
        from: PinFormat,
        /// Target format.
        to: PinFormat,
    },
    /// The PIN fails the PIN policy.
    #[error("weak PIN: {0}")]
    WeakPin(WeakPinReason),
    /// A length parameter (check value length, MAC length…) out of range.
    #[error("invalid length: {0}")]
    InvalidLength(&'static str),
    /// An output buffer is too small; `needed` bytes are required.
    #[error("buffer too small: {needed} bytes needed")]
    BufferTooSmall {
        /// The size required.
        needed: usize,
    },
    /// Malformed BER-TLV data, at a byte offset of the input.
    #[error("malformed TLV at offset {offset}: {reason}")]
    MalformedTlv {
        /// Offset of the offending byte in the input.
        offset: usize,
        /// What is wrong there.
        reason: TlvErrorReason,
    },
    /// A malformed data object list (PDOL, CDOL1, …), at a byte offset of the DOL.
    #[error("malformed DOL at offset {offset}: {reason}")]
    MalformedDol {
        /// Offset of the offending byte in the DOL.
        offset: usize,
        /// What is wrong there.
        reason: TlvErrorReason,
    },
    /// A parameter name or value that is not one of the accepted ones.
    #[error("invalid argument: {0}")]
    InvalidArgument(&'static str),
    /// Decrypted data whose padding is not the padding method asked for.
    #[error("invalid padding")]
    InvalidPadding,
    /// A malformed TR-31 / X9.143 key block, at a character offset of the block.
    #[error("malformed key block at offset {offset}: {reason}")]
    MalformedKeyBlock {
        /// Offset of the offending character in the key block.
        offset: usize,
        /// What is wrong there.
        reason: &'static str,
    },
    /// A key block the standard refuses: a KBPK weaker than the key or not fitting
    /// the version, a header that contradicts the key, a legacy version not allowed.
    #[error("key block refused: {0}")]
    KeyBlockPolicy(&'static str),
    /// A key block whose MAC does not verify: wrong KBPK or an altered block.
    #[error("key block authentication failed")]
    KeyBlockIntegrity,
    /// A DUKPT key serial number of the wrong size or with an invalid counter.
    #[error("invalid KSN: {0}")]
    InvalidKsn(&'static str),
    /// A DUKPT device has used every transaction counter it may.
    #[error("DUKPT device exhausted: no transaction counter left")]
    DukptExhausted,
    /// Saved state (e.g. a DUKPT device's) that is malformed or inconsistent.
    #[error("invalid saved state: {0}")]
    InvalidState(&'static str),
    /// A computed MAC does not match the one given.
    #[error("MAC verification failed")]
    MacMismatch,
    /// A key check value does not match the one given.
    #[error("check value mismatch")]
    CheckValueMismatch,
    /// A random number generator failed to deliver bytes.
    #[error("random number generator failure")]
    Rng,
}

/// The family an [`Error`] belongs to; bindings map these to exception classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Malformed or out-of-range input (Python: also a `ValueError`).
    InvalidInput,
    /// A key used outside its usage, mode of use or algorithm.
    KeyUsage,
    /// An integrity check failed (MAC, check value, key block): a security event.
    Integrity,
    /// A PIN rejected by the PIN policy.
    WeakPin,
    /// An environmental failure (RNG).
    Internal,
    /// The object's state does not permit the operation (an exhausted DUKPT device).
    State,
}

impl Error {
    /// Stable numeric code; never reused, never renumbered.
    pub const fn code(&self) -> u32 {
        match self {
            Error::InvalidKeyLength { .. } => 1,
            Error::WeakKey(_) => 2,
            Error::KeyUsage { .. } => 3,
            Error::KeyAlgorithm { .. } => 4,
            Error::UnknownAlgorithm => 5,
            Error::UnknownKeyUsage => 6,
            Error::InvalidModeOfUse(_) => 7,
            Error::InvalidPin(_) => 8,
            Error::InvalidPan(_) => 9,
            Error::InvalidPinBlock(_) => 10,
            Error::UnknownPinFormat => 11,
            Error::ForbiddenTranslation { .. } => 12,
            Error::WeakPin(_) => 13,
            Error::InvalidLength(_) => 14,
            Error::BufferTooSmall { .. } => 15,
            Error::InvalidArgument(_) => 16,
            Error::InvalidPadding => 17,
            Error::KeyBlockIntegrity => 22,
            Error::MalformedKeyBlock { .. } => 50,
            Error::KeyBlockPolicy(_) => 51,
            Error::InvalidKsn(_) => 60,
            Error::DukptExhausted => 61,
            Error::InvalidState(_) => 62,
            Error::MalformedTlv { .. } => 40,
            Error::MalformedDol { .. } => 41,
            Error::MacMismatch => 20,
            Error::CheckValueMismatch => 21,
            Error::Rng => 30,
        }
    }

    /// The byte offset of a TLV or DOL error in its input (the character offset for a key block).
    pub const fn offset(&self) -> Option<usize> {
        match self {
            Error::MalformedTlv { offset, .. }
            | Error::MalformedDol { offset, .. }
            | Error::MalformedKeyBlock { offset, .. } => Some(*offset),
            _ => None,
        }
    }

    /// The family of this error.
    pub const fn kind(&self) -> ErrorKind {
        match self {
            Error::KeyUsage { .. } | Error::KeyAlgorithm { .. } => ErrorKind::KeyUsage,
            Error::MacMismatch | Error::CheckValueMismatch | Error::KeyBlockIntegrity => ErrorKind::Integrity,
            Error::KeyBlockPolicy(_) => ErrorKind::KeyUsage,
            Error::DukptExhausted => ErrorKind::State,
            Error::WeakPin(_) => ErrorKind::WeakPin,
            Error::Rng => ErrorKind::Internal,
            _ => ErrorKind::InvalidInput,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ErrorKind::InvalidInput => "invalid input",
            ErrorKind::KeyUsage => "key usage",
            ErrorKind::Integrity => "integrity",
            ErrorKind::WeakPin => "weak PIN",
            ErrorKind::Internal => "internal",
            ErrorKind::State => "state",
        })
    }
}
