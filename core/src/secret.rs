//! Containers for secrets: key material, PINs and clear PIN blocks.
//!
//! They live on the stack (no allocation in hot paths), are wiped on drop,
//! print as `<redacted>` and compare in constant time.

use core::fmt;

use subtle::ConstantTimeEq;
use zeroize::{Zeroize, ZeroizeOnDrop};

use crate::error::{Error, Result};

/// Up to `N` secret bytes: zeroized on drop, redacted in `Debug`, constant-time `==`.
#[derive(Clone)]
pub struct SecretBytes<const N: usize> {
    bytes: [u8; N],
    len: usize,
}

impl<const N: usize> SecretBytes<N> {
    /// Copies `bytes` in; fails when they do not fit.
    pub fn from_slice(bytes: &[u8]) -> Result<Self> {
        if bytes.len() > N {
            return Err(Error::InvalidLength("secret too long"));
        }
        let mut out = Self { bytes: [0; N], len: bytes.len() };
        out.bytes[..bytes.len()].copy_from_slice(bytes);
        Ok(out)
    }

    /// A zero-filled secret of `len` bytes, to be written through [`Self::expose_mut`].
    pub(crate) fn zeroed(len: usize) -> Self {
        debug_assert!(len <= N);
        Self { bytes: [0; N], len: len.min(N) }
    }

    /// The secret bytes. Every call site is a place a secret leaves its box: keep them few.
    pub fn expose(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    pub(crate) fn expose_mut(&mut self) -> &mut [u8] {
        &mut self.bytes[..self.len]
    }

    /// Number of bytes held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when no bytes are held.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

impl<const N: usize> Drop for SecretBytes<N> {
    fn drop(&mut self) {
        self.bytes.zeroize();
        self.len = 0;
    }
}

impl<const N: usize> ZeroizeOnDrop for SecretBytes<N> {}

impl<const N: usize> fmt::Debug for SecretBytes<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretBytes(<redacted {} bytes>)", self.len)
    }
}

impl<const N: usize> PartialEq for SecretBytes<N> {
    fn eq(&self, other: &Self) -> bool {
        // Lengths are not secret; contents are compared in constant time.
        self.len == other.len && bool::from(self.expose().ct_eq(other.expose()))
    }
}

impl<const N: usize> Eq for SecretBytes<N> {}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn debug_is_redacted() {
        let s = SecretBytes::<16>::from_slice(&[0x12, 0x34]).unwrap();
        let text = format!("{s:?}");
        assert!(!text.contains("12") && !text.contains("34"), "{text}");
        assert!(text.contains("redacted"));
    }

    #[test]
    fn equality_compares_contents_and_length() {
        let a = SecretBytes::<8>::from_slice(b"abcd").unwrap();
        assert_eq!(a, SecretBytes::<8>::from_slice(b"abcd").unwrap());
        assert_ne!(a, SecretBytes::<8>::from_slice(b"abce").unwrap());
        assert_ne!(a, SecretBytes::<8>::from_slice(b"abc").unwrap());
        assert!(SecretBytes::<2>::from_slice(b"abc").is_err());
    }
}
