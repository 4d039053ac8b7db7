//! ISO/IEC 9797-1 MAC algorithms 1 (CBC-MAC) and 3 (ANSI X9.19 retail MAC).
//!
//! Both use initial transformation 1 (H1 = e_K(D1)) and CBC chaining
//! (Hi = e_K(Di xor Hi-1)). Algorithm 1 uses output transformation 1
//! (G = Hq); algorithm 3 uses output transformation 3, G = e_K(d_K'(Hq)),
//! with single-DES K and K' (the two halves of a double-length key), so only
//! the last block costs a triple encryption. The state works on the stack;
//! full blocks are chained as soon as they arrive.

use zeroize::Zeroize;

use super::blocks::BlockBuffer;
use super::padding::Padding;
use crate::cipher::BlockCipher;
use crate::error::{Error, Result};

/// Streaming CBC-MAC state (ISO/IEC 9797-1 algorithm 1 or 3).
pub(super) struct CbcMac {
    /// K: the key's cipher (algorithm 1) or single DES under K (algorithm 3).
    cipher: BlockCipher,
    /// Single DES under K' for output transformation 3; `None` for algorithm 1.
    k2: Option<BlockCipher>,
    block: usize,
    padding: Padding,
    chain: [u8; 16],
    pending: BlockBuffer,
    /// Bytes fed so far.
    fed: u64,
    /// The message length declared up front (needed by padding method 3).
    declared: Option<u64>,
}

impl CbcMac {
    /// Algorithm 1 over `cipher` (its block size is `block`), or algorithm 3 when `k2` is given.
    pub(super) fn new(
        cipher: BlockCipher,
        k2: Option<BlockCipher>,
        block: usize,
        padding: Padding,
        declared: Option<u64>,
    ) -> Result<Self> {
        if block != 8 && block != 16 {
            return Err(Error::InvalidArgument("CBC-MAC needs a 64- or 128-bit block cipher"));
        }
        let mut mac =
            Self { cipher, k2, block, padding, chain: [0; 16], pending: BlockBuffer::new(block), fed: 0, declared };
        if padding == Padding::Method3 {
            // Padding method 3: the first block L is the bit length of the unpadded data,
            // right-aligned and left-padded with zeros.
            let len = declared.ok_or(Error::InvalidArgument(
                "padding method 3 prefixes the message length: declare it (Mac::with_message_len)",
            ))?;
            let bits = len.checked_mul(8).ok_or(Error::InvalidLength("message too long for padding method 3"))?;
            mac.chain[block - 8..block].copy_from_slice(&bits.to_be_bytes());
            mac.cipher.encrypt_block(&mut mac.chain[..block])?;
        }
        Ok(mac)
    }

    fn absorb_block(&mut self, block: &[u8]) {
        absorb(&self.cipher, &mut self.chain, self.block, block);
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        self.fed = self.fed.saturating_add(data.len() as u64);
        let (cipher, chain, bs) = (&self.cipher, &mut self.chain, self.block);
        self.pending.feed(data, |block| absorb(cipher, chain, bs, block));
    }

    /// The full output block G (the caller truncates).
    pub(super) fn finalize(mut self) -> Result<[u8; 16]> {
        if self.declared.is_some_and(|n| n != self.fed) {
            return Err(Error::InvalidLength("the data fed differs from the declared message length"));
        }
        let bs = self.block;
        let pending = self.pending.pending().len();
        match self.padding {
            Padding::Method1 | Padding::Method3 => {
                // Method 1 pads an empty message to one zero block; method 3 does not
                // (the length block alone stands for it).
                let empty = self.fed == 0;
                if pending > 0 || (empty && self.padding == Padding::Method1) {
                    let mut last = [0u8; 16];
                    last[..pending].copy_from_slice(self.pending.pending());
                    self.absorb_block(&last[..bs]);
                    last.zeroize();
                }
            }
            Padding::Method2 => {
                let mut last = [0u8; 16];
                last[..pending].copy_from_slice(self.pending.pending());
                last[pending] = 0x80;
                self.absorb_block(&last[..bs]);
                last.zeroize();
            }
        }
        let mut out = self.chain;
        if let Some(k2) = &self.k2 {
            // Output transformation 3: G = e_K(d_K'(Hq)).
            k2.decrypt_block(&mut out[..bs])?;
            self.cipher.encrypt_block(&mut out[..bs])?;
        }
        Ok(out)
    }
}

/// One CBC step: H = e_K(D xor H).
fn absorb(cipher: &BlockCipher, chain: &mut [u8; 16], bs: usize, block: &[u8]) {
    for (c, d) in chain.iter_mut().zip(block) {
        *c ^= d;
    }
    // Cannot fail: the slice is exactly one block of this cipher.
    let _ = cipher.encrypt_block(&mut chain[..bs]);
}

impl Drop for CbcMac {
    fn drop(&mut self) {
        self.chain.zeroize();
    }
}
