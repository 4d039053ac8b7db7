//! # posguard
//!
//! The security core of a payment terminal: keys that carry their usage,
//! check values, TR-31 / X9.143 key blocks ([`tr31`]), TDES and AES DUKPT
//! ([`dukpt`]), ISO 9564 PIN blocks (formats 0–4 and the China UnionPay SM4
//! block), PIN policy, MACs ([`mac`]: ISO 9797-1, retail, CMAC, HMAC, UnionPay),
//! data encryption ([`data`]), and EMV BER-TLV (parse, build, tag dictionary, DOLs).
//!
//! The crate is `#![no_std]` with `alloc`, does no I/O, and takes randomness
//! from the caller through [`rand_core::TryCryptoRng`], so every result can be
//! reproduced in a test and the same code runs in firmware.
//!
//! ```
//! use posguard::{Key, Algorithm, KeyUsage, pin::{self, PinFormat}};
//! # fn main() -> Result<(), posguard::Error> {
//! let material = [0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
//!                 0xFE, 0xDC, 0xBA, 0x98, 0x76, 0x54, 0x32, 0x10];
//! let key = Key::new(Algorithm::Tdes, KeyUsage::PinEncryption, &material)?;
//! # use rand_core::SeedableRng;
//! # let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
//! // In production pass the platform's CSPRNG (e.g. `getrandom::SysRng`).
//! let block = pin::encrypt("1234", Some("4012345678909"), &key, PinFormat::Iso0, &mut rng)?;
//! let pin = pin::decrypt(block.as_bytes(), Some("4012345678909"), &key, PinFormat::Iso0)?;
//! assert_eq!(pin.as_str(), "1234");
//! # Ok(()) }
//! ```
#![no_std]
#![cfg_attr(docsrs, feature(doc_cfg))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

mod cipher;
pub mod data;
pub mod dukpt;
mod error;
pub mod key;
pub mod mac;
pub mod pin;
mod secret;
pub mod tlv;

pub use error::{Error, ErrorKind, Result};
pub use key::{Algorithm, CheckValue, CheckValueMethod, Key, KeyUsage, ModeOfUse, tr31};
pub use secret::SecretBytes;

/// Re-exported so callers name the same RNG traits posguard takes.
pub use rand_core;
