//! Turning command-line strings into keys and bytes without ever quoting them.

use std::io::{BufRead, Read};

use posguard::{Algorithm, Key, KeyUsage};
use zeroize::Zeroizing;

use crate::Failure;

/// Could this command-line word be a key, PIN, PAN or PIN block? (Used to
/// redact clap's error messages, which quote the words they reject.)
pub fn looks_secret(word: &str) -> bool {
    let all_hex = word.len() >= 4 && word.bytes().all(|b| b.is_ascii_hexdigit());
    all_hex || word.bytes().filter(u8::is_ascii_digit).count() >= 4
}

/// Decodes a hex option value (any case; spaces and newlines, as in APDU
/// traces, are ignored) into a buffer wiped on drop.
pub fn hex(option: &str, value: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let digits = Zeroizing::new(value.split_ascii_whitespace().collect::<String>());
    hex::decode(digits.as_bytes())
        .map(Zeroizing::new)
        .map_err(|_| Failure::Usage(format!("{option} must be an even number of hex digits (0-9, A-F)")))
}

/// Decodes a hex data argument; `-` reads all of stdin, so a multi-line
/// trace can be piped in.
pub fn data(what: &str, value: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    if value != "-" {
        return hex(what, value);
    }
    let mut text = Zeroizing::new(String::new());
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Failure::Usage(format!("{what}: cannot read stdin: {e}")))?;
    hex(what, &text)
}

/// Builds a key from a hex option value; `-` reads the hex from the next line
/// of stdin, which keeps the key out of the shell history and `ps`.
pub fn key(option: &str, value: &str, algorithm: Algorithm, usage: KeyUsage) -> Result<Key, Failure> {
    let material = if value == "-" {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::Usage(format!("{option}: cannot read the key from stdin: {e}")))?;
        hex(option, &line)?
    } else {
        hex(option, value)?
    };
    Ok(Key::new(algorithm, usage, &material)?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;

    #[test]
    fn secrets_are_recognised() {
        for word in ["0123456789ABCDEFFEDCBA9876543210", "1234", "abcd", "4111111111111111", "12x34y"] {
            assert!(looks_secret(word), "{word}");
        }
        for word in ["iso0", "sm4", "tdes", "encode", "--key", "16", ""] {
            assert!(!looks_secret(word), "{word}");
        }
    }

    #[test]
    fn hex_errors_do_not_quote_the_value() {
        for bad in ["0123456789ABCDEFFEDCBA987654321", "0123456789ABCDEFFEDCBA987654321G"] {
            let Err(Failure::Usage(message)) = hex("--key", bad) else { panic!("{bad} is not hex") };
            assert!(!message.contains("0123"), "{message}");
        }
        assert_eq!(*hex("--key", "0aFf").unwrap(), [0x0A, 0xFF]);
        assert_eq!(*hex("--key", " 0a F\nf\t").unwrap(), [0x0A, 0xFF]);
        assert!(hex("--key", "0a F").is_err(), "an odd number of digits");
    }
}
