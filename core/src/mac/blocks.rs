//! The block buffer the streaming MACs share: whole blocks go on at once, a
//! partial one waits for more data or for the final padding.

use zeroize::Zeroize;

/// Up to one pending block of a message fed in pieces; wiped on drop.
pub(super) struct BlockBuffer {
    block: usize,
    buf: [u8; 16],
    len: usize,
}

impl BlockBuffer {
    /// A buffer for `block`-byte blocks (at most 16).
    pub(super) fn new(block: usize) -> Self {
        Self { block: block.min(16), buf: [0; 16], len: 0 }
    }

    /// Passes every complete block of the data fed so far plus `data` to
    /// `absorb`, in order, and keeps the incomplete rest.
    pub(super) fn feed(&mut self, mut data: &[u8], mut absorb: impl FnMut(&[u8])) {
        let bs = self.block;
        if self.len > 0 {
            let take = (bs - self.len).min(data.len());
            self.buf[self.len..self.len + take].copy_from_slice(&data[..take]);
            self.len += take;
            data = &data[take..];
            if self.len < bs {
                return;
            }
            absorb(&self.buf[..bs]);
            self.len = 0;
        }
        let mut chunks = data.chunks_exact(bs);
        for chunk in &mut chunks {
            absorb(chunk);
        }
        let rest = chunks.remainder();
        self.buf[..rest.len()].copy_from_slice(rest);
        self.len = rest.len();
    }

    /// The pending bytes (fewer than a block).
    pub(super) fn pending(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

impl Drop for BlockBuffer {
    fn drop(&mut self) {
        self.buf.zeroize();
    }
}
