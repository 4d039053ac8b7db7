//! The China UnionPay POS terminal MAC ("ECB" algorithm) and its SM4 form.
//!
//! As the UnionPay POS terminal specification describes it (and as every
//! acquirer SDK implements it), with `n` the cipher block size (8 for DES/TDES,
//! 16 for SM4):
//!
//! 1. split the MAC element block (MTI through field 63) into `n`-byte blocks,
//!    zero-padding the last one (no padding when aligned), and XOR them all;
//! 2. expand the `n`-byte result to `2n` upper-case hex characters (ASCII);
//! 3. encrypt the first `n` characters under the MAK;
//! 4. XOR the ciphertext with the last `n` characters;
//! 5. encrypt again under the MAK and expand the result to `2n` hex characters;
//! 6. the MAC is the first 8 of those characters, as ASCII bytes (field 64).
//!
//! The XOR fold in step 1 is linear: swapping, duplicating in pairs or
//! compensating blocks changes nothing, so the MAC authenticates far less than
//! a CBC-MAC. It is provided because hosts require it.

use zeroize::Zeroize;

use super::blocks::BlockBuffer;
use crate::cipher::BlockCipher;
use crate::error::Result;

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Streaming state of the UnionPay ECB MAC.
pub(super) struct UnionPayState {
    cipher: BlockCipher,
    block: usize,
    acc: [u8; 16],
    pending: BlockBuffer,
}

fn to_hex(bytes: &[u8], out: &mut [u8]) {
    for (pair, b) in out.chunks_exact_mut(2).zip(bytes) {
        pair[0] = HEX[usize::from(b >> 4)];
        pair[1] = HEX[usize::from(b & 0x0F)];
    }
}

impl UnionPayState {
    /// `block` is the cipher's block size: 8 (DES/TDES) or 16 (SM4).
    pub(super) fn new(cipher: BlockCipher, block: usize) -> Self {
        Self { cipher, block: block.min(16), acc: [0; 16], pending: BlockBuffer::new(block) }
    }

    pub(super) fn update(&mut self, data: &[u8]) {
        let acc = &mut self.acc;
        self.pending.feed(data, |block| fold(acc, block));
    }

    /// The `2n` hex characters of the final encryption (the caller takes the first 8 or more).
    pub(super) fn finalize(mut self) -> Result<[u8; 32]> {
        let bs = self.block;
        // The zero-padded last block: XOR with the pending bytes only.
        fold(&mut self.acc, self.pending.pending());
        let mut expanded = [0u8; 32];
        to_hex(&self.acc[..bs], &mut expanded[..2 * bs]);
        let (first, last) = expanded.split_at_mut(bs);
        self.cipher.encrypt_block(first)?;
        for (f, l) in first.iter_mut().zip(last.iter()) {
            *f ^= l;
        }
        self.cipher.encrypt_block(first)?;
        let mut out = [0u8; 32];
        to_hex(first, &mut out[..2 * bs]);
        expanded.zeroize();
        Ok(out)
    }
}

/// The XOR fold of step 1.
fn fold(acc: &mut [u8; 16], block: &[u8]) {
    for (a, b) in acc.iter_mut().zip(block) {
        *a ^= b;
    }
}

impl Drop for UnionPayState {
    fn drop(&mut self) {
        self.acc.zeroize();
    }
}
