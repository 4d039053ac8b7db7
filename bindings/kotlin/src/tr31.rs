//! TR-31 / ANSI X9.143 / ISO 20038 key blocks (`posguard::tr31`): unwrap,
//! wrap and header inspection.
//!
//! Names in and out are the core's: the version, mode and exportability
//! codes (`D`, `B`, `N`), usage names and TR-31 codes (`pin`, `P0`),
//! algorithm names (`tdes`). The random padding of [`tr31_wrap`] comes from
//! the OS RNG unless the caller passes a [`RandomSource`] (to reproduce a
//! published block in a test).

use std::sync::Arc;

use getrandom::SysRng;
use posguard::rand_core::{TryCryptoRng, TryRng, utils};
use posguard::tr31::{self, OptionalBlock, UnwrapOptions, WrapOptions};

use crate::{Key, PosguardError, Result};

/// One optional header block: a two-character id (`KS`, `IK`, `KC`, `KP`,
/// `TS`, `PB`, or any other) and its printable data.
#[derive(uniffi::Record)]
pub struct Tr31OptionalBlock {
    /// Two characters, e.g. `KS`.
    pub id: String,
    /// The block's data (printable ASCII). For `KC` and `KP` given to
    /// `tr31Wrap`: empty, the check value is computed by the wrap.
    #[uniffi(default = "")]
    pub data: String,
}

/// A key block header, read by `tr31Inspect` without the KBPK.
#[derive(uniffi::Record)]
pub struct Tr31Header {
    /// The version character: `A`, `B`, `C`, `D` or `E`.
    pub version: String,
    /// Length of the whole key block in characters.
    pub length: u64,
    /// The key usage name, e.g. `pin`.
    pub usage: String,
    /// The TR-31 key usage code, e.g. `P0`.
    pub usage_code: String,
    /// The key algorithm name, e.g. `tdes`, `aes`, `hmac`.
    pub algorithm: String,
    /// The mode of use character, e.g. `B`.
    pub mode: String,
    /// The two-character key version number (`00` when unused).
    pub key_version: String,
    /// The exportability character: `E`, `N` or `S`.
    pub exportability: String,
    /// The optional blocks in order, `PB` included.
    pub optional_blocks: Vec<Tr31OptionalBlock>,
}

/// What `tr31Wrap` writes. The defaults are those of `posguard::tr31::WrapOptions`:
/// version `D`, key version `00`, non-exportable, no optional blocks, key length masked.
#[derive(uniffi::Record)]
pub struct Tr31WrapOptions {
    /// Key block version: `B`, `C`, `D` or `E` (`A` is never written).
    #[uniffi(default = "D")]
    pub version: String,
    /// Two-character key version number (`00`: unused).
    #[uniffi(default = "00")]
    pub key_version: String,
    /// Exportability: `E` (exportable under a trusted key), `N` (not exportable) or `S` (sensitive).
    #[uniffi(default = "N")]
    pub exportability: String,
    /// Optional blocks, in order; `PB` is added by the wrap and may not be given.
    #[uniffi(default)]
    pub optional_blocks: Vec<Tr31OptionalBlock>,
    /// Pad the key to the longest key of its algorithm so the block does not
    /// reveal the key length (X9.143 expects it).
    #[uniffi(default = true)]
    pub mask_key_length: bool,
}

/// A source of random bytes the app supplies in place of the OS RNG, e.g. to
/// reproduce a published key block in a test. It must be a cryptographic RNG
/// in production; returning the wrong number of bytes or throwing fails the
/// call with `PosguardException.Rng`.
#[uniffi::export(with_foreign)]
pub trait RandomSource: Send + Sync {
    /// Exactly `length` random bytes.
    fn fill(&self, length: u32) -> Result<Vec<u8>>;
}

/// An exception the app's [`RandomSource`] threw that is not a `PosguardException`.
impl From<uniffi::UnexpectedUniFFICallbackError> for PosguardError {
    fn from(_: uniffi::UnexpectedUniFFICallbackError) -> Self {
        posguard::Error::Rng.into()
    }
}

/// Adapts a [`RandomSource`] to the core's RNG trait.
struct ForeignRng<'a>(&'a dyn RandomSource);

/// What the core sees when the app's source fails (it reports `Error::Rng`).
#[derive(Debug)]
struct RngFailure;

impl std::fmt::Display for RngFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("random source failed")
    }
}

impl std::error::Error for RngFailure {}

impl TryRng for ForeignRng<'_> {
    type Error = RngFailure;

    fn try_next_u32(&mut self) -> Result<u32, RngFailure> {
        utils::next_word_via_fill(self)
    }

    fn try_next_u64(&mut self) -> Result<u64, RngFailure> {
        utils::next_word_via_fill(self)
    }

    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), RngFailure> {
        let len = u32::try_from(dst.len()).map_err(|_| RngFailure)?;
        let bytes = self.0.fill(len).map_err(|_| RngFailure)?;
        if bytes.len() != dst.len() {
            return Err(RngFailure);
        }
        dst.copy_from_slice(&bytes);
        Ok(())
    }
}

// The app promises a cryptographic source (see `RandomSource`).
impl TryCryptoRng for ForeignRng<'_> {}

fn optional_blocks(blocks: Vec<Tr31OptionalBlock>) -> Vec<OptionalBlock> {
    blocks.into_iter().map(|b| OptionalBlock { id: b.id, data: b.data }).collect()
}

/// Reads a key block's header without the KBPK, for tooling and logs. Throws
/// `PosguardException.MalformedKeyBlock` (with the character offset) on a
/// malformed header or a block of the wrong shape for its version.
#[uniffi::export]
pub fn tr31_inspect(block: String) -> Result<Tr31Header> {
    let h = tr31::inspect(&block)?;
    Ok(Tr31Header {
        version: h.version.code().into(),
        length: h.length as u64,
        usage: h.usage.name().into(),
        usage_code: h.usage.code().into(),
        algorithm: h.algorithm.name().into(),
        mode: h.mode.code().into(),
        key_version: h.key_version,
        exportability: h.exportability.code().into(),
        optional_blocks: h.optional_blocks.into_iter().map(|b| Tr31OptionalBlock { id: b.id, data: b.data }).collect(),
    })
}

/// Unwraps a key block with the KBPK (usage `K1` or `K0`, a mode that allows
/// decrypting); the key gets the header's algorithm, usage and mode of use.
/// `strict` is the X9.143 validation (off: what real HSMs emit, e.g. no key
/// length masking); version A blocks need `allowVersionA`. A wrong KBPK or an
/// altered block throws `PosguardException.KeyBlockIntegrity` and nothing more.
#[uniffi::export(default(strict = true, allow_version_a = false))]
pub fn tr31_unwrap(kbpk: &Key, block: String, strict: bool, allow_version_a: bool) -> Result<Arc<Key>> {
    let options = UnwrapOptions { strict, allow_version_a };
    Ok(Arc::new(Key(tr31::unwrap(&kbpk.0, &block, &options)?)))
}

/// Wraps `key` under the KBPK (usage `K1` or `K0`, a mode that allows
/// encrypting, at least as strong as `key`) into a key block. The random
/// padding comes from the OS RNG, or from `rng` when given.
#[uniffi::export(default(rng = None, options))]
pub fn tr31_wrap(
    kbpk: &Key,
    key: &Key,
    options: Tr31WrapOptions,
    rng: Option<Arc<dyn RandomSource>>,
) -> Result<String> {
    let options = WrapOptions {
        version: options.version.parse()?,
        key_version: options.key_version,
        exportability: options.exportability.parse()?,
        optional_blocks: optional_blocks(options.optional_blocks),
        mask_key_length: options.mask_key_length,
    };
    let block = match rng {
        Some(source) => tr31::wrap(&kbpk.0, &key.0, &options, &mut ForeignRng(source.as_ref()))?,
        None => tr31::wrap(&kbpk.0, &key.0, &options, &mut SysRng)?,
    };
    Ok(block)
}
