//! PIN policy: which PINs a cardholder may choose on PIN set or change.

use core::fmt;

use super::Pin;
use crate::error::{Error, Result};

/// Why a PIN was refused. The reason names a rule, never the PIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum WeakPinReason {
    /// Shorter than the policy's minimum length.
    TooShort,
    /// Longer than the policy's maximum length.
    TooLong,
    /// Every digit is the same (0000, 1111…).
    AllSameDigit,
    /// An ascending or descending run (1234, 9876, 123456…).
    Sequence,
    /// A well-known default or popular PIN (1212, 2580, 1004…).
    Common,
    /// On the caller's own blocklist.
    Blocklisted,
}

impl fmt::Display for WeakPinReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            WeakPinReason::TooShort => "shorter than the policy allows",
            WeakPinReason::TooLong => "longer than the policy allows",
            WeakPinReason::AllSameDigit => "all digits are the same",
            WeakPinReason::Sequence => "digits form an ascending or descending sequence",
            WeakPinReason::Common => "a well-known default or popular PIN",
            WeakPinReason::Blocklisted => "on the blocklist",
        })
    }
}

/// Well-known PINs that are neither repeated digits nor straight sequences:
/// keypad patterns, repeated pairs, dates and popular choices.
const COMMON_PINS: &[&str] = &[
    "1212", "1004", "2000", "6969", "1122", "1313", "2580", "0852", "5683", "1010", "2001", "2468", "1357", "1379",
    "1230", "0007", "4545", "1969", "112233", "121212", "123123", "159753", "147258", "123321", "520520", "131313",
    "101010",
];

/// A configurable PIN policy. [`PinPolicy::default`] turns every rule on for 4–12 digit PINs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinPolicy<'a> {
    /// Minimum number of digits (at least 4).
    pub min_len: usize,
    /// Maximum number of digits (at most 12).
    pub max_len: usize,
    /// Refuse PINs whose digits are all equal.
    pub reject_repeated: bool,
    /// Refuse ascending or descending runs.
    pub reject_sequences: bool,
    /// Refuse the built-in list of well-known PINs.
    pub reject_common: bool,
    /// The caller's own refused PINs.
    pub blocklist: &'a [&'a str],
}

impl Default for PinPolicy<'_> {
    fn default() -> Self {
        PinPolicy {
            min_len: 4,
            max_len: 12,
            reject_repeated: true,
            reject_sequences: true,
            reject_common: true,
            blocklist: &[],
        }
    }
}

/// Checks `pin` against the default policy.
pub fn check_policy(pin: &str) -> Result<()> {
    check_policy_with(pin, &PinPolicy::default())
}

/// Checks `pin` against `policy`: [`Error::InvalidPin`] when it is not a PIN
/// at all, [`Error::WeakPin`] with the rule it breaks otherwise.
pub fn check_policy_with(pin: &str, policy: &PinPolicy<'_>) -> Result<()> {
    let pin = Pin::new(pin)?;
    let digits = pin.0.expose();
    let weak = |reason| Err(Error::WeakPin(reason));
    if digits.len() < policy.min_len {
        return weak(WeakPinReason::TooShort);
    }
    if digits.len() > policy.max_len {
        return weak(WeakPinReason::TooLong);
    }
    if policy.reject_repeated && digits.iter().all(|&d| d == digits[0]) {
        return weak(WeakPinReason::AllSameDigit);
    }
    let steps = |delta: i16| digits.windows(2).all(|w| i16::from(w[1]) - i16::from(w[0]) == delta);
    if policy.reject_sequences && (steps(1) || steps(-1)) {
        return weak(WeakPinReason::Sequence);
    }
    if policy.reject_common && COMMON_PINS.iter().any(|c| c.as_bytes() == digits) {
        return weak(WeakPinReason::Common);
    }
    if policy.blocklist.iter().any(|c| c.as_bytes() == digits) {
        return weak(WeakPinReason::Blocklisted);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(pin: &str) -> Option<WeakPinReason> {
        match check_policy(pin) {
            Ok(()) => None,
            Err(Error::WeakPin(r)) => Some(r),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }

    #[test]
    fn default_policy_refuses_the_classics() {
        for p in ["0000", "1111", "999999", "777777777777"] {
            assert_eq!(reason(p), Some(WeakPinReason::AllSameDigit), "{p}");
        }
        for p in ["1234", "9876", "123456", "0123", "3210", "456789", "987654321"] {
            assert_eq!(reason(p), Some(WeakPinReason::Sequence), "{p}");
        }
        for p in ["1212", "2580", "1004", "112233"] {
            assert_eq!(reason(p), Some(WeakPinReason::Common), "{p}");
        }
        for p in ["1357924", "8264", "4071", "90210", "1243", "2468135"] {
            assert_eq!(reason(p), None, "{p}");
        }
    }

    #[test]
    fn policy_is_configurable() {
        let lax =
            PinPolicy { reject_repeated: false, reject_sequences: false, reject_common: false, ..PinPolicy::default() };
        assert!(check_policy_with("1111", &lax).is_ok());
        assert!(check_policy_with("1234", &lax).is_ok());
        let six = PinPolicy { min_len: 6, max_len: 6, blocklist: &["482913"], ..PinPolicy::default() };
        assert_eq!(check_policy_with("8264", &six), Err(Error::WeakPin(WeakPinReason::TooShort)));
        assert_eq!(check_policy_with("8264193", &six), Err(Error::WeakPin(WeakPinReason::TooLong)));
        assert_eq!(check_policy_with("482913", &six), Err(Error::WeakPin(WeakPinReason::Blocklisted)));
        assert!(check_policy_with("482914", &six).is_ok());
    }

    #[test]
    fn not_a_pin_is_invalid_input_and_message_has_no_digits() {
        assert!(matches!(check_policy("12a4"), Err(Error::InvalidPin(_))));
        assert!(matches!(check_policy("123"), Err(Error::InvalidPin(_))));
        let msg = alloc::format!("{}", check_policy("4321").unwrap_err());
        assert!(!msg.chars().any(|c| c.is_ascii_digit()), "{msg}");
    }
}
