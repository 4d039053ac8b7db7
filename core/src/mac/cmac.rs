//! CMAC (NIST SP 800-38B; ISO/IEC 9797-1:2011 MAC algorithm 5) over TDES, AES and SM4.
//!
//! The CMAC logic is RustCrypto `cmac`. It runs here over posguard's already
//! expanded [`BlockCipher`] through two thin adapters that give it a fixed
//! block size (64-bit for TDES, 128-bit for AES and SM4), so a streaming CMAC
//! needs no second key schedule and no heap. The one-shot path uses
//! [`BlockCipher::cmac`] directly.

use ::cipher::consts::{U1, U8, U16};
use ::cipher::{
    Block, BlockCipherEncBackend, BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, InOut, ParBlocksSizeUser,
};
use cmac::digest::InnerInit;
use cmac::{Cmac, Mac as _};

use crate::cipher::BlockCipher;

macro_rules! adapter {
    ($name:ident, $size:ty, $doc:literal) => {
        #[doc = $doc]
        #[derive(Clone)]
        pub(super) struct $name(BlockCipher);

        impl BlockSizeUser for $name {
            type BlockSize = $size;
        }

        impl ParBlocksSizeUser for $name {
            type ParBlocksSize = U1;
        }

        impl BlockCipherEncrypt for $name {
            fn encrypt_with_backend(&self, f: impl BlockCipherEncClosure<BlockSize = $size>) {
                f.call(self)
            }
        }

        impl BlockCipherEncBackend for $name {
            fn encrypt_block(&self, mut block: InOut<'_, '_, Block<Self>>) {
                let mut b = block.clone_in();
                // Cannot fail: the adapter is only built over a cipher of this block size.
                let _ = self.0.encrypt_block(&mut b[..]);
                *block.get_out() = b;
            }
        }
    };
}

adapter!(Narrow, U8, "A 64-bit block cipher (TDES) seen by `cmac`.");
adapter!(Wide, U16, "A 128-bit block cipher (AES, SM4) seen by `cmac`.");

/// Streaming CMAC state.
pub(super) enum CmacState {
    /// TDES.
    Narrow(Cmac<Narrow>),
    /// AES or SM4.
    Wide(Cmac<Wide>),
}

impl CmacState {
    /// A CMAC over `cipher`, whose block size is `block` bytes (8 or 16).
    pub(super) fn new(cipher: BlockCipher, block: usize) -> Self {
        if block == 8 {
            Self::Narrow(Cmac::inner_init(Narrow(cipher)))
        } else {
            Self::Wide(Cmac::inner_init(Wide(cipher)))
        }
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        match self {
            Self::Narrow(m) => m.update(data),
            Self::Wide(m) => m.update(data),
        }
    }

    /// The full tag, written to the front of a 16-byte block.
    pub(super) fn finalize(self) -> [u8; 16] {
        let mut out = [0u8; 16];
        match self {
            Self::Narrow(m) => out[..8].copy_from_slice(&m.finalize().into_bytes()),
            Self::Wide(m) => out.copy_from_slice(&m.finalize().into_bytes()),
        }
        out
    }
}
