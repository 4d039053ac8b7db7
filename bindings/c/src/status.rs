//! `posguard_status`: the result of every fallible call, and its static message.

use std::ffi::{CStr, c_char};

use posguard::Error;

use crate::guard;

/// The result of a posguard call: `POSGUARD_STATUS_OK` or what went wrong.
///
/// Values 1 to 99 are posguard's error codes (`posguard::Error::code`), the
/// same numbers in every language; values from 100 come from the C boundary
/// itself (`POSGUARD_STATUS_END` and `POSGUARD_STATUS_NOT_FOUND` are answers,
/// not errors). `posguard_status_str` gives a static message that never
/// contains a key, a PIN or a PAN.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// Key material has a length the algorithm does not allow.
    InvalidKeyLength = 1,
    /// Key material is structurally weak (TDES parts equal).
    WeakKey = 2,
    /// The key's usage or mode of use does not permit the operation.
    KeyUsage = 3,
    /// The key's algorithm does not fit the operation.
    KeyAlgorithm = 4,
    /// Unknown algorithm name.
    UnknownAlgorithm = 5,
    /// Unknown key usage name or TR-31 code.
    UnknownKeyUsage = 6,
    /// Unknown mode of use, or one the key usage does not allow.
    InvalidModeOfUse = 7,
    /// The PIN is not 4 to 12 decimal digits.
    InvalidPin = 8,
    /// The PAN is not digits, or its length does not fit the format.
    InvalidPan = 9,
    /// The PIN block has the wrong length or malformed fields.
    InvalidPinBlock = 10,
    /// Unknown PIN block format.
    UnknownPinFormat = 11,
    /// The translation is forbidden by ISO 9564-1 / PCI PIN.
    ForbiddenTranslation = 12,
    /// The PIN fails the PIN policy.
    WeakPin = 13,
    /// A length argument (e.g. check value length) is out of range.
    InvalidLength = 14,
    /// The output buffer is too small: the size needed is reported and nothing
    /// was written.
    BufferTooSmall = 15,
    /// An argument's value is not one of the accepted ones (also an enum
    /// argument outside its enum).
    InvalidArgument = 16,
    /// Decrypted data whose padding is not the padding method asked for.
    InvalidPadding = 17,
    /// MAC verification failed (a security event).
    MacMismatch = 20,
    /// Check value verification failed (a security event).
    CheckValueMismatch = 21,
    /// A key block's MAC did not verify: wrong KBPK or an altered block (a security event).
    KeyBlockIntegrity = 22,
    /// The operating system's random number generator failed.
    Rng = 30,
    /// Malformed BER-TLV data (or an invalid tag); the cursor reports the offset.
    MalformedTlv = 40,
    /// A malformed data object list (PDOL, CDOL1, ...).
    MalformedDol = 41,
    /// A malformed TR-31 / X9.143 key block.
    MalformedKeyBlock = 50,
    /// A key block the standard refuses (KBPK too weak or not fitting the version, header contradicting the key).
    KeyBlockPolicy = 51,
    /// A DUKPT KSN of the wrong size or with an invalid counter.
    InvalidKsn = 60,
    /// A DUKPT device has no transaction counter left.
    DukptExhausted = 61,
    /// Saved state (a DUKPT device's) that is malformed or inconsistent.
    InvalidState = 62,
    /// A required pointer argument was NULL.
    NullPointer = 100,
    /// A string argument is not valid UTF-8.
    InvalidUtf8 = 102,
    /// A bug in posguard: a panic was caught at the boundary, or the core
    /// returned an error this binding does not know.
    Panic = 104,
    /// Not an error: a TLV cursor has no more objects at its level.
    End = 105,
    /// Not an error: the tag looked for is not there.
    NotFound = 106,
}

impl Status {
    /// Every status, to look up a raw value from C.
    const ALL: [Status; 34] = [
        Status::Ok,
        Status::InvalidKeyLength,
        Status::WeakKey,
        Status::KeyUsage,
        Status::KeyAlgorithm,
        Status::UnknownAlgorithm,
        Status::UnknownKeyUsage,
        Status::InvalidModeOfUse,
        Status::InvalidPin,
        Status::InvalidPan,
        Status::InvalidPinBlock,
        Status::UnknownPinFormat,
        Status::ForbiddenTranslation,
        Status::WeakPin,
        Status::InvalidLength,
        Status::BufferTooSmall,
        Status::InvalidArgument,
        Status::InvalidPadding,
        Status::MacMismatch,
        Status::CheckValueMismatch,
        Status::KeyBlockIntegrity,
        Status::Rng,
        Status::MalformedTlv,
        Status::MalformedDol,
        Status::MalformedKeyBlock,
        Status::KeyBlockPolicy,
        Status::InvalidKsn,
        Status::DukptExhausted,
        Status::InvalidState,
        Status::NullPointer,
        Status::InvalidUtf8,
        Status::Panic,
        Status::End,
        Status::NotFound,
    ];

    fn message(self) -> &'static CStr {
        match self {
            Status::Ok => c"ok",
            Status::InvalidKeyLength => c"invalid key length",
            Status::WeakKey => c"weak key",
            Status::KeyUsage => c"the key's usage or mode of use does not permit this operation",
            Status::KeyAlgorithm => c"the key's algorithm does not fit this operation",
            Status::UnknownAlgorithm => c"unknown algorithm",
            Status::UnknownKeyUsage => c"unknown key usage",
            Status::InvalidModeOfUse => c"invalid mode of use",
            Status::InvalidPin => c"invalid PIN",
            Status::InvalidPan => c"invalid PAN",
            Status::InvalidPinBlock => c"invalid PIN block",
            Status::UnknownPinFormat => c"unknown PIN block format",
            Status::ForbiddenTranslation => c"forbidden PIN block translation",
            Status::WeakPin => c"weak PIN",
            Status::InvalidLength => c"invalid length",
            Status::BufferTooSmall => c"output buffer too small",
            Status::InvalidArgument => c"an argument's value is not one of the accepted ones",
            Status::InvalidPadding => c"invalid padding",
            Status::MacMismatch => c"MAC verification failed",
            Status::CheckValueMismatch => c"check value mismatch",
            Status::KeyBlockIntegrity => c"key block authentication failed",
            Status::Rng => c"random number generator failure",
            Status::MalformedTlv => c"malformed TLV data",
            Status::MalformedDol => c"malformed data object list",
            Status::MalformedKeyBlock => c"malformed key block",
            Status::KeyBlockPolicy => c"key block refused by the standard's rules",
            Status::InvalidKsn => c"invalid KSN",
            Status::DukptExhausted => c"DUKPT device exhausted",
            Status::InvalidState => c"invalid saved state",
            Status::NullPointer => c"a required pointer argument is NULL",
            Status::InvalidUtf8 => c"a string argument is not valid UTF-8",
            Status::Panic => c"internal error (a bug in posguard)",
            Status::End => c"end of data",
            Status::NotFound => c"not found",
        }
    }
}

impl From<Error> for Status {
    fn from(e: Error) -> Self {
        match e {
            Error::InvalidKeyLength { .. } => Status::InvalidKeyLength,
            Error::WeakKey(_) => Status::WeakKey,
            Error::KeyUsage { .. } => Status::KeyUsage,
            Error::KeyAlgorithm { .. } => Status::KeyAlgorithm,
            Error::UnknownAlgorithm => Status::UnknownAlgorithm,
            Error::UnknownKeyUsage => Status::UnknownKeyUsage,
            Error::InvalidModeOfUse(_) => Status::InvalidModeOfUse,
            Error::InvalidPin(_) => Status::InvalidPin,
            Error::InvalidPan(_) => Status::InvalidPan,
            Error::InvalidPinBlock(_) => Status::InvalidPinBlock,
            Error::UnknownPinFormat => Status::UnknownPinFormat,
            Error::ForbiddenTranslation { .. } => Status::ForbiddenTranslation,
            Error::WeakPin(_) => Status::WeakPin,
            Error::InvalidLength(_) => Status::InvalidLength,
            Error::BufferTooSmall { .. } => Status::BufferTooSmall,
            Error::InvalidArgument(_) => Status::InvalidArgument,
            Error::InvalidPadding => Status::InvalidPadding,
            Error::KeyBlockIntegrity => Status::KeyBlockIntegrity,
            Error::MalformedKeyBlock { .. } => Status::MalformedKeyBlock,
            Error::KeyBlockPolicy(_) => Status::KeyBlockPolicy,
            Error::InvalidKsn(_) => Status::InvalidKsn,
            Error::DukptExhausted => Status::DukptExhausted,
            Error::InvalidState(_) => Status::InvalidState,
            Error::MalformedTlv { .. } => Status::MalformedTlv,
            Error::MalformedDol { .. } => Status::MalformedDol,
            Error::MacMismatch => Status::MacMismatch,
            Error::CheckValueMismatch => Status::CheckValueMismatch,
            Error::Rng => Status::Rng,
            // `Error` is non-exhaustive: a variant added to the core and not
            // mapped here is a bug in this binding.
            _ => Status::Panic,
        }
    }
}

/// A `posguard_status` as C passes it: any integer, so that a value outside
/// the enum is answered instead of being undefined behaviour in Rust.
///
/// cbindgen:no-export
#[repr(transparent)]
#[derive(Debug, Clone, Copy)]
pub struct StatusValue(u32);

/// The static, NUL-terminated message of a status (never NULL; never
/// contains a key, a PIN or a PAN). An unknown value gets "unknown status".
#[unsafe(no_mangle)]
pub extern "C" fn posguard_status_str(status: StatusValue) -> *const c_char {
    let unknown = c"unknown status";
    guard(unknown.as_ptr(), || {
        Status::ALL.into_iter().find(|s| *s as u32 == status.0).map_or(unknown, Status::message).as_ptr()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use posguard::pin::{PinFormat, WeakPinReason};
    use posguard::tlv::TlvErrorReason;
    use posguard::{Algorithm, KeyUsage, ModeOfUse};

    /// One instance of every `Error` variant: the status must carry the same number.
    #[test]
    fn statuses_carry_the_core_error_codes() {
        let errors = [
            Error::InvalidKeyLength { algorithm: Algorithm::Tdes, len: 1 },
            Error::WeakKey("x"),
            Error::KeyUsage { usage: KeyUsage::Mac, mode: ModeOfUse::Both, operation: "x" },
            Error::KeyAlgorithm { needed: "x", actual: Algorithm::Aes, operation: "x" },
            Error::UnknownAlgorithm,
            Error::UnknownKeyUsage,
            Error::InvalidModeOfUse("x"),
            Error::InvalidPin("x"),
            Error::InvalidPan("x"),
            Error::InvalidPinBlock("x"),
            Error::UnknownPinFormat,
            Error::ForbiddenTranslation { from: PinFormat::Iso0, to: PinFormat::Iso1 },
            Error::WeakPin(WeakPinReason::Sequence),
            Error::InvalidLength("x"),
            Error::BufferTooSmall { needed: 1 },
            Error::InvalidArgument("x"),
            Error::InvalidPadding,
            Error::KeyBlockIntegrity,
            Error::MalformedKeyBlock { offset: 0, reason: "x" },
            Error::KeyBlockPolicy("x"),
            Error::InvalidKsn("x"),
            Error::DukptExhausted,
            Error::InvalidState("x"),
            Error::MalformedTlv { offset: 0, reason: TlvErrorReason::Empty },
            Error::MalformedDol { offset: 0, reason: TlvErrorReason::TruncatedTag },
            Error::MacMismatch,
            Error::CheckValueMismatch,
            Error::Rng,
        ];
        for e in errors {
            assert_eq!(Status::from(e.clone()) as u32, e.code(), "{e:?}");
        }
    }

    #[test]
    fn every_status_has_its_own_message() {
        let mut seen = std::collections::HashSet::new();
        for s in Status::ALL {
            // SAFETY: posguard_status_str returns a static NUL-terminated string.
            let msg = unsafe { CStr::from_ptr(posguard_status_str(StatusValue(s as u32))) };
            assert!(seen.insert(msg), "{s:?}");
            assert_eq!(msg, s.message());
        }
        // SAFETY: as above.
        let unknown = unsafe { CStr::from_ptr(posguard_status_str(StatusValue(99))) };
        assert_eq!(unknown, c"unknown status");
    }
}
