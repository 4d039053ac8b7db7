//! DES and TDEA (FIPS 46-3; NIST SP 800-67 Rev. 2, keying options 1 and 2)
//! with the classic table-driven round: the S-box lookup and the P
//! permutation are merged into eight "SP" tables of 64 words, the round keys
//! are stored pre-split into the eight 6-bit groups that meet the expanded
//! right half, and IP/FP are delta swaps. PC-1 and PC-2 run as nibble-indexed
//! tables. Every table is computed at compile time (`const fn`) from the
//! tables printed in FIPS 46-3, which are the only constants in this file.
//!
//! See the module documentation of `cipher` for why posguard carries its own
//! DES and for its side-channel profile.

use ::cipher::consts::{U1, U8};
use ::cipher::{
    Block, BlockCipherDecBackend, BlockCipherDecClosure, BlockCipherDecrypt, BlockCipherEncBackend,
    BlockCipherEncClosure, BlockCipherEncrypt, BlockSizeUser, InOut, ParBlocksSizeUser,
};
use zeroize::{Zeroize, ZeroizeOnDrop};

// FIPS 46-3 tables, as printed: bit numbers count from 1 at the most significant bit.

/// Permuted choice 1: the 56 key bits that enter the schedule (parity bits dropped).
const PC1: [u8; 56] = [
    57, 49, 41, 33, 25, 17, 9, 1, 58, 50, 42, 34, 26, 18, 10, 2, 59, 51, 43, 35, 27, 19, 11, 3, 60, 52, 44, 36, //
    63, 55, 47, 39, 31, 23, 15, 7, 62, 54, 46, 38, 30, 22, 14, 6, 61, 53, 45, 37, 29, 21, 13, 5, 28, 20, 12, 4,
];

/// Permuted choice 2: the 48 bits of C‖D that form a round key.
const PC2: [u8; 48] = [
    14, 17, 11, 24, 1, 5, 3, 28, 15, 6, 21, 10, 23, 19, 12, 4, 26, 8, 16, 7, 27, 20, 13, 2, //
    41, 52, 31, 37, 47, 55, 30, 40, 51, 45, 33, 48, 44, 49, 39, 56, 34, 53, 46, 42, 50, 36, 29, 32,
];

/// Left rotations of C and D before each round.
const SHIFTS: [u32; 16] = [1, 1, 2, 2, 2, 2, 2, 2, 1, 2, 2, 2, 2, 2, 2, 1];

/// The permutation P applied to the S-box outputs.
const P: [u8; 32] = [
    16, 7, 20, 21, 29, 12, 28, 17, 1, 15, 23, 26, 5, 18, 31, 10, //
    2, 8, 24, 14, 32, 27, 3, 9, 19, 13, 30, 6, 22, 11, 4, 25,
];

/// S1..S8, each as its four rows of sixteen.
const S: [[u8; 64]; 8] = [
    [
        14, 4, 13, 1, 2, 15, 11, 8, 3, 10, 6, 12, 5, 9, 0, 7, //
        0, 15, 7, 4, 14, 2, 13, 1, 10, 6, 12, 11, 9, 5, 3, 8, //
        4, 1, 14, 8, 13, 6, 2, 11, 15, 12, 9, 7, 3, 10, 5, 0, //
        15, 12, 8, 2, 4, 9, 1, 7, 5, 11, 3, 14, 10, 0, 6, 13,
    ],
    [
        15, 1, 8, 14, 6, 11, 3, 4, 9, 7, 2, 13, 12, 0, 5, 10, //
        3, 13, 4, 7, 15, 2, 8, 14, 12, 0, 1, 10, 6, 9, 11, 5, //
        0, 14, 7, 11, 10, 4, 13, 1, 5, 8, 12, 6, 9, 3, 2, 15, //
        13, 8, 10, 1, 3, 15, 4, 2, 11, 6, 7, 12, 0, 5, 14, 9,
    ],
    [
        10, 0, 9, 14, 6, 3, 15, 5, 1, 13, 12, 7, 11, 4, 2, 8, //
        13, 7, 0, 9, 3, 4, 6, 10, 2, 8, 5, 14, 12, 11, 15, 1, //
        13, 6, 4, 9, 8, 15, 3, 0, 11, 1, 2, 12, 5, 10, 14, 7, //
        1, 10, 13, 0, 6, 9, 8, 7, 4, 15, 14, 3, 11, 5, 2, 12,
    ],
    [
        7, 13, 14, 3, 0, 6, 9, 10, 1, 2, 8, 5, 11, 12, 4, 15, //
        13, 8, 11, 5, 6, 15, 0, 3, 4, 7, 2, 12, 1, 10, 14, 9, //
        10, 6, 9, 0, 12, 11, 7, 13, 15, 1, 3, 14, 5, 2, 8, 4, //
        3, 15, 0, 6, 10, 1, 13, 8, 9, 4, 5, 11, 12, 7, 2, 14,
    ],
    [
        2, 12, 4, 1, 7, 10, 11, 6, 8, 5, 3, 15, 13, 0, 14, 9, //
        14, 11, 2, 12, 4, 7, 13, 1, 5, 0, 15, 10, 3, 9, 8, 6, //
        4, 2, 1, 11, 10, 13, 7, 8, 15, 9, 12, 5, 6, 3, 0, 14, //
        11, 8, 12, 7, 1, 14, 2, 13, 6, 15, 0, 9, 10, 4, 5, 3,
    ],
    [
        12, 1, 10, 15, 9, 2, 6, 8, 0, 13, 3, 4, 14, 7, 5, 11, //
        10, 15, 4, 2, 7, 12, 9, 5, 6, 1, 13, 14, 0, 11, 3, 8, //
        9, 14, 15, 5, 2, 8, 12, 3, 7, 0, 4, 10, 1, 13, 11, 6, //
        4, 3, 2, 12, 9, 5, 15, 10, 11, 14, 1, 7, 6, 0, 8, 13,
    ],
    [
        4, 11, 2, 14, 15, 0, 8, 13, 3, 12, 9, 7, 5, 10, 6, 1, //
        13, 0, 11, 7, 4, 9, 1, 10, 14, 3, 5, 12, 2, 15, 8, 6, //
        1, 4, 11, 13, 12, 3, 7, 14, 10, 15, 6, 8, 0, 5, 9, 2, //
        6, 11, 13, 8, 1, 4, 10, 7, 9, 5, 0, 15, 14, 2, 3, 12,
    ],
    [
        13, 2, 8, 4, 6, 15, 11, 1, 10, 9, 3, 14, 5, 0, 12, 7, //
        1, 15, 13, 8, 10, 3, 7, 4, 12, 5, 6, 11, 0, 14, 9, 2, //
        7, 11, 4, 1, 9, 12, 14, 2, 0, 6, 10, 13, 15, 3, 5, 8, //
        2, 1, 14, 7, 4, 10, 8, 13, 15, 12, 9, 0, 3, 5, 6, 11,
    ],
];

/// Output bit `i` (counted from 1 at the top of a `table.len()`-bit result) is
/// bit `table[i - 1]` of the `width`-bit `input`, as FIPS 46-3 prints its permutations.
const fn permute(input: u64, width: u32, table: &[u8]) -> u64 {
    let mut out = 0;
    let mut i = 0;
    while i < table.len() {
        out = (out << 1) | ((input >> (width - table[i] as u32)) & 1);
        i += 1;
    }
    out
}

/// `SP[j][x]` = P(Sj(x)) with Sj's four output bits in their place in the
/// 32-bit S-box layer (bits 4j+1..4j+4). `x` is the 6-bit input b1..b6; b1 b6
/// pick the row, b2..b5 the column.
static SP: [[u32; 64]; 8] = {
    let mut sp = [[0; 64]; 8];
    let mut j = 0;
    while j < 8 {
        let mut x = 0;
        while x < 64 {
            let row = (x >> 4 & 2) | (x & 1);
            let column = x >> 1 & 0xf;
            let s = S[j][row * 16 + column] as u64;
            sp[j][x] = permute(s << (28 - 4 * j), 32, &P) as u32;
            x += 1;
        }
        j += 1;
    }
    sp
};

/// A 48-bit round key (group j = bits 6j+1..6j+6, the input of Sj) in the
/// layout the round function consumes: the even groups 0, 2, 4, 6 in bytes 7,
/// 6, 5, 4 of the word and the odd groups 1, 3, 5, 7 in bytes 3, 2, 1, 0, each
/// in the low six bits of its byte.
const fn arrange(k: u64) -> u64 {
    let mut out = 0;
    let mut j = 0;
    while j < 8 {
        let group = (k >> (42 - 6 * j)) & 0x3f;
        let byte = if j % 2 == 0 { 7 - j / 2 } else { 3 - j / 2 };
        out |= group << (8 * byte);
        j += 1;
    }
    out
}

/// A bit permutation of a `width`-bit input as one table per input nibble
/// (nibble 0 at the top): entry `[n][v]` is the image of value `v` in nibble
/// `n` alone, so the image of any input is the OR of one lookup per nibble.
const fn nibble_tables<const NIBBLES: usize>(width: u32, table: &[u8]) -> [[u64; 16]; NIBBLES] {
    let mut t = [[0; 16]; NIBBLES];
    let mut n = 0;
    while n < NIBBLES {
        let mut v = 0;
        while v < 16 {
            t[n][v] = permute((v as u64) << (width as usize - 4 - 4 * n), width, table);
            v += 1;
        }
        n += 1;
    }
    t
}

/// Applies a permutation given as [`nibble_tables`].
#[inline(always)]
fn by_nibbles<const NIBBLES: usize>(tables: &[[u64; 16]; NIBBLES], x: u64) -> u64 {
    tables.iter().enumerate().fold(0, |out, (n, t)| out | t[(x >> (4 * (NIBBLES - 1 - n))) as usize & 0xf])
}

/// PC-1 of the 64-bit key.
static PC1_TABLES: [[u64; 16]; 16] = nibble_tables(64, &PC1);

/// PC-2 of the 56-bit C‖D as one table per 7-bit group (8 lookups a round
/// instead of 14 by nibbles; 8 KiB), already in the [`arrange`]d layout:
/// entry `[g][v]` is the arranged image of value `v` in group `g` alone.
static PC2_ARRANGED: [[u64; 128]; 8] = {
    let mut t = [[0; 128]; 8];
    let mut g = 0;
    while g < 8 {
        let mut v = 0;
        while v < 128 {
            t[g][v] = arrange(permute((v as u64) << (56 - 7 - 7 * g), 56, &PC2));
            v += 1;
        }
        g += 1;
    }
    t
};

/// Applies [`PC2_ARRANGED`] to C‖D.
#[inline(always)]
fn pc2(cd: u64) -> u64 {
    PC2_ARRANGED.iter().enumerate().fold(0, |out, (g, t)| out | t[(cd >> (49 - 7 * g)) as usize & 0x7f])
}

const MASK28: u32 = 0x0fff_ffff;

/// The sixteen arranged round keys of one DES key.
fn schedule(key: &[u8; 8]) -> [u64; 16] {
    let cd = by_nibbles(&PC1_TABLES, u64::from_be_bytes(*key));
    let (mut c, mut d) = ((cd >> 28) as u32, cd as u32 & MASK28);
    let mut keys = [0; 16];
    for (k, shift) in keys.iter_mut().zip(SHIFTS) {
        c = (c << shift | c >> (28 - shift)) & MASK28;
        d = (d << shift | d >> (28 - shift)) & MASK28;
        *k = pc2(u64::from(c) << 28 | u64::from(d));
    }
    keys
}

/// The cipher function f(R, K). E expands R into eight overlapping 6-bit
/// groups, group j being R's bits 4j..4j+5 (bit 0 meaning bit 32), which R
/// rotated right by 27 - 4j holds in its low six bits; rotating right by 3
/// and left by 1 puts four groups each on byte boundaries, matching [`arrange`].
#[inline(always)]
fn f(r: u32, k: u64) -> u32 {
    let even = r.rotate_right(3) ^ (k >> 32) as u32;
    let odd = r.rotate_left(1) ^ k as u32;
    let sp = |j: usize, x: u32| SP[j][(x & 0x3f) as usize];
    sp(0, even >> 24)
        ^ sp(2, even >> 16)
        ^ sp(4, even >> 8)
        ^ sp(6, even)
        ^ sp(1, odd >> 24)
        ^ sp(3, odd >> 16)
        ^ sp(5, odd >> 8)
        ^ sp(7, odd)
}

/// Sixteen rounds and the final swap; the round keys in reverse order decrypt.
#[inline(always)]
fn rounds<'a>(keys: impl Iterator<Item = &'a u64>, (mut l, mut r): (u32, u32)) -> (u32, u32) {
    for &k in keys {
        (l, r) = (r, l ^ f(r, k));
    }
    (r, l)
}

/// Exchanges the bits of `b` under `mask` with the bits of `a` under `mask << shift`.
#[inline(always)]
fn delta_swap(a: &mut u32, b: &mut u32, shift: u32, mask: u32) {
    let t = ((*a >> shift) ^ *b) & mask;
    *b ^= t;
    *a ^= t << shift;
}

/// The initial permutation IP, as five delta swaps on the two halves of the
/// block (an 8x8 bit-matrix transpose with its rows reordered); checked
/// against the printed IP table in the tests.
#[inline(always)]
fn ip(block: &[u8; 8]) -> (u32, u32) {
    let [a, b, c, d, e, f, g, h] = *block;
    let (mut l, mut r) = (u32::from_be_bytes([a, b, c, d]), u32::from_be_bytes([e, f, g, h]));
    delta_swap(&mut l, &mut r, 4, 0x0f0f_0f0f);
    delta_swap(&mut l, &mut r, 16, 0x0000_ffff);
    delta_swap(&mut r, &mut l, 2, 0x3333_3333);
    delta_swap(&mut r, &mut l, 8, 0x00ff_00ff);
    delta_swap(&mut l, &mut r, 1, 0x5555_5555);
    (l, r)
}

/// The final permutation IP⁻¹: the swaps of [`ip`] undone in reverse order.
#[inline(always)]
fn fp((mut l, mut r): (u32, u32), block: &mut [u8; 8]) {
    delta_swap(&mut l, &mut r, 1, 0x5555_5555);
    delta_swap(&mut r, &mut l, 8, 0x00ff_00ff);
    delta_swap(&mut r, &mut l, 2, 0x3333_3333);
    delta_swap(&mut l, &mut r, 16, 0x0000_ffff);
    delta_swap(&mut l, &mut r, 4, 0x0f0f_0f0f);
    *block = (u64::from(l) << 32 | u64::from(r)).to_be_bytes();
}

/// [`schedule`] at compile time, for fixed masks (see [`Dea::xor_masked`]).
pub(crate) const fn const_schedule(key: [u8; 8]) -> [u64; 16] {
    let pc1 = nibble_tables::<16>(64, &PC1);
    let pc2 = nibble_tables::<14>(56, &PC2);
    let k = u64::from_be_bytes(key);
    let mut cd = 0;
    let mut n = 0;
    while n < 16 {
        cd |= pc1[n][(k >> (4 * (15 - n))) as usize & 0xf];
        n += 1;
    }
    let (mut c, mut d) = ((cd >> 28) as u32, cd as u32 & MASK28);
    let mut keys = [0; 16];
    let mut round = 0;
    while round < 16 {
        let shift = SHIFTS[round];
        c = (c << shift | c >> (28 - shift)) & MASK28;
        d = (d << shift | d >> (28 - shift)) & MASK28;
        let x = (c as u64) << 28 | d as u64;
        let mut k = 0;
        let mut n = 0;
        while n < 14 {
            k |= pc2[n][(x >> (4 * (13 - n))) as usize & 0xf];
            n += 1;
        }
        keys[round] = arrange(k);
        round += 1;
    }
    keys
}

/// DES (`N` = 1) or TDEA EDE (`N` = 3): encryption is E(K1), D(K2), E(K3).
/// IP and FP are applied once: between the stages FP and IP cancel.
/// The schedules are zeroized on drop.
#[derive(Clone, Zeroize, ZeroizeOnDrop)]
pub(crate) struct Dea<const N: usize> {
    keys: [[u64; 16]; N],
}

/// Single DES (legacy MAC keys).
pub(crate) type Des = Dea<1>;
/// TDEA; a 2-key (keying option 2) key is K1, K2, K1.
pub(crate) type Tdes = Dea<3>;

impl Tdes {
    /// Expands a 2-key TDEA key (K3 = K1), K1 once.
    pub(crate) fn new_2key(k1: &[u8; 8], k2: &[u8; 8]) -> Self {
        let k1 = schedule(k1);
        Self { keys: [k1, schedule(k2), k1] }
    }
}

impl<const N: usize> Dea<N> {
    /// Expands K1..KN.
    pub(crate) fn new(keys: [&[u8; 8]; N]) -> Self {
        Self { keys: keys.map(schedule) }
    }

    /// The cipher of every key part XOR the same 8-byte mask, given the mask's
    /// [`const_schedule`]. The key schedule only selects and moves key bits
    /// (PC-1, rotations, PC-2), so it is linear over XOR: schedule(K ⊕ M) =
    /// schedule(K) ⊕ schedule(M). TDES DUKPT derives a key and its
    /// `C0C0C0C000000000` variant at every step; this makes the variant 16 XORs
    /// per part instead of a second key schedule.
    pub(crate) fn xor_masked(&self, mask_schedule: &[u64; 16]) -> Self {
        let mut out = self.clone();
        for part in &mut out.keys {
            for (k, m) in part.iter_mut().zip(mask_schedule) {
                *k ^= m;
            }
        }
        out
    }

    /// Encrypts one block in place.
    #[inline]
    pub(crate) fn encrypt(&self, block: &mut [u8; 8]) {
        let mut halves = ip(block);
        for (i, keys) in self.keys.iter().enumerate() {
            halves = if i % 2 == 0 { rounds(keys.iter(), halves) } else { rounds(keys.iter().rev(), halves) };
        }
        fp(halves, block);
    }

    /// Decrypts one block in place.
    #[inline]
    pub(crate) fn decrypt(&self, block: &mut [u8; 8]) {
        let mut halves = ip(block);
        for (i, keys) in self.keys.iter().enumerate().rev() {
            halves = if i % 2 == 0 { rounds(keys.iter().rev(), halves) } else { rounds(keys.iter(), halves) };
        }
        fp(halves, block);
    }
}

// The RustCrypto block cipher traits, so that `cmac` runs over this cipher.

impl<const N: usize> BlockSizeUser for Dea<N> {
    type BlockSize = U8;
}

impl<const N: usize> ParBlocksSizeUser for Dea<N> {
    type ParBlocksSize = U1;
}

impl<const N: usize> BlockCipherEncrypt for Dea<N> {
    fn encrypt_with_backend(&self, f: impl BlockCipherEncClosure<BlockSize = U8>) {
        f.call(self)
    }
}

impl<const N: usize> BlockCipherEncBackend for Dea<N> {
    fn encrypt_block(&self, mut block: InOut<'_, '_, Block<Self>>) {
        let mut b = block.clone_in().0;
        self.encrypt(&mut b);
        block.get_out().0 = b;
    }
}

impl<const N: usize> BlockCipherDecrypt for Dea<N> {
    fn decrypt_with_backend(&self, f: impl BlockCipherDecClosure<BlockSize = U8>) {
        f.call(self)
    }
}

impl<const N: usize> BlockCipherDecBackend for Dea<N> {
    fn decrypt_block(&self, mut block: InOut<'_, '_, Block<Self>>) {
        let mut b = block.clone_in().0;
        self.decrypt(&mut b);
        block.get_out().0 = b;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ::cipher::KeyInit;
    use proptest::prelude::*;

    /// FIPS 46-3 IP and E (the tables the fast code replaces).
    const IP: [u8; 64] = [
        58, 50, 42, 34, 26, 18, 10, 2, 60, 52, 44, 36, 28, 20, 12, 4, 62, 54, 46, 38, 30, 22, 14, 6, 64, 56, 48, 40,
        32, 24, 16, 8, 57, 49, 41, 33, 25, 17, 9, 1, 59, 51, 43, 35, 27, 19, 11, 3, 61, 53, 45, 37, 29, 21, 13, 5, 63,
        55, 47, 39, 31, 23, 15, 7,
    ];
    const E: [u8; 48] = [
        32, 1, 2, 3, 4, 5, 4, 5, 6, 7, 8, 9, 8, 9, 10, 11, 12, 13, 12, 13, 14, 15, 16, 17, 16, 17, 18, 19, 20, 21, 20,
        21, 22, 23, 24, 25, 24, 25, 26, 27, 28, 29, 28, 29, 30, 31, 32, 1,
    ];

    fn block(hex: &str) -> [u8; 8] {
        hex::decode(hex).unwrap().try_into().unwrap()
    }

    fn des(key: &str) -> Des {
        Des::new([&block(key)])
    }

    /// Encrypts `pt` and decrypts the result back.
    fn check<const N: usize>(c: &Dea<N>, pt: &str, ct: &str) {
        let mut b = block(pt);
        c.encrypt(&mut b);
        assert_eq!(b, block(ct), "E({pt})");
        c.decrypt(&mut b);
        assert_eq!(b, block(pt), "D({ct})");
    }

    #[test]
    fn s_box_rows_are_permutations() {
        for s in S {
            for row in s.chunks(16) {
                let mut seen = [false; 16];
                row.iter().for_each(|&v| seen[usize::from(v)] = true);
                assert!(seen.iter().all(|&b| b));
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn delta_swaps_are_the_printed_ip_and_its_inverse(x in any::<u64>()) {
            let mut b = x.to_be_bytes();
            let (l, r) = ip(&b);
            prop_assert_eq!(u64::from(l) << 32 | u64::from(r), permute(x, 64, &IP));
            fp((l, r), &mut b);
            prop_assert_eq!(u64::from_be_bytes(b), x);
        }

        /// The rotations, the arranged round key and the SP tables compute f as FIPS 46-3 defines it.
        #[test]
        fn f_is_p_of_s_of_e_xor_k(r in any::<u32>(), k in 0u64..1 << 48) {
            prop_assert_eq!(f(r, arrange(k)), reference_f(r, k));
        }
    }

    /// f(R, K) = P(S1..S8(E(R) xor K)), straight from the printed tables.
    fn reference_f(r: u32, k: u64) -> u32 {
        let x = permute(u64::from(r), 32, &E) ^ k;
        let s = (0..8).fold(0, |s, j| {
            let b = (x >> (42 - 6 * j)) as usize & 0x3f;
            s << 4 | u64::from(S[j][(b >> 4 & 2 | b & 1) * 16 + (b >> 1 & 0xf)])
        });
        permute(s, 32, &P) as u32
    }

    /// FIPS 81 Appendix B, Table B1 (ECB): key 0123456789ABCDEF, "Now is the time for all ".
    #[test]
    fn masked_schedule_is_the_schedule_of_the_masked_key() {
        let mask = [0xC0, 0xC0, 0xC0, 0xC0, 0, 0, 0, 0];
        let masked = const_schedule(mask);
        assert_eq!(masked, schedule(&mask));
        for key in ["0123456789ABCDEF", "FEDCBA9876543210", "133457799BBCDFF1", "0000000000000000"] {
            let k = block(key);
            let mut km = k;
            km.iter_mut().zip(mask).for_each(|(a, b)| *a ^= b);
            assert_eq!(des(key).xor_masked(&masked).keys, Des::new([&km]).keys, "{key}");
        }
    }

    #[test]
    fn fips_81_ecb_example() {
        let c = des("0123456789ABCDEF");
        check(&c, "4E6F772069732074", "3FA40E8A984D4815");
        check(&c, "68652074696D6520", "6A271787AB8883F9");
        check(&c, "666F7220616C6C20", "893D51EC4B563B53");
    }

    /// NIST SP 800-20 Appendix A (the TMOVS known-answer tables, run with
    /// K1 = K2 = K3, so they hold for DES and for TDEA): first rows of Table A.1
    /// (variable plaintext), A.2 (variable key), the last two of A.3
    /// (permutation operation) and the first five of A.4 (substitution table).
    const SP800_20: [(&str, &str, &str); 12] = [
        ("0101010101010101", "8000000000000000", "95F8A5E5DD31D900"),
        ("0101010101010101", "4000000000000000", "DD7F121CA5015619"),
        ("0101010101010101", "2000000000000000", "2E8653104F3834EA"),
        ("0101010101010101", "0000000000000001", "166B40B44ABA4BD6"),
        ("8001010101010101", "0000000000000000", "95A8D72813DAA94D"),
        ("1002911598100201", "0000000000000000", "E2F5728F0995013C"),
        ("1002911698100101", "0000000000000000", "1AEAC39A61F0A464"),
        ("7CA110454A1A6E57", "01A1D6D039776742", "690F5B0D9A26939B"),
        ("0131D9619DC1376E", "5CD54CA83DEF57DA", "7A389D10354BD271"),
        ("07A1133E4A0B2686", "0248D43806F67172", "868EBB51CAB4599A"),
        ("3849674C2602319E", "51454B582DDF440A", "7178876E01F19B2A"),
        ("04B915BA43FEB5B6", "42FD443059577FA2", "AF37FB421F8C4095"),
    ];

    #[test]
    fn sp_800_20_known_answers() {
        for (key, pt, ct) in SP800_20 {
            check(&des(key), pt, ct);
            let k = block(key);
            check(&Tdes::new([&k, &k, &k]), pt, ct);
        }
    }

    /// R. L. Rivest, "Testing implementations of DES" (1985): X(i+1) = E(Xi, Xi)
    /// for even i, D(Xi, Xi) for odd i, from X0 = 9474B8E8C73BCA7D, gives
    /// X16 = 1B1A2DDB4C642438; it catches every single-fault error in the tables.
    #[test]
    fn rivest_iterated_test() {
        let mut x = block("9474B8E8C73BCA7D");
        for i in 0..16 {
            let c = Des::new([&x]);
            if i % 2 == 0 { c.encrypt(&mut x) } else { c.decrypt(&mut x) }
        }
        assert_eq!(x, block("1B1A2DDB4C642438"));
    }

    /// NIST SP 800-67 Rev. 2, Appendix B: three-key TDEA of "The qufck brown fox jump"
    /// (the standard's spelling). Pins the K1/K2/K3 order, which a round trip cannot.
    #[test]
    fn sp_800_67_tdea_example() {
        let c = Tdes::new([&block("0123456789ABCDEF"), &block("23456789ABCDEF01"), &block("456789ABCDEF0123")]);
        check(&c, "5468652071756663", "A826FD8CE53B855F");
        check(&c, "6B2062726F776E20", "CCE21C8112256FE6");
        check(&c, "666F78206A756D70", "68D5C05DD9B6B900");
    }

    /// Encrypts and decrypts `b` with both ciphers.
    fn differential<const N: usize, R: BlockCipherEncrypt<BlockSize = U8> + BlockCipherDecrypt>(
        fast: &Dea<N>,
        reference: &R,
        b: [u8; 8],
    ) -> Result<(), TestCaseError> {
        for decrypt in [false, true] {
            let (mut ours, mut theirs) = (b, Block::<R>::from(b));
            if decrypt {
                fast.decrypt(&mut ours);
                reference.decrypt_block(&mut theirs);
            } else {
                fast.encrypt(&mut ours);
                reference.encrypt_block(&mut theirs);
            }
            prop_assert_eq!(ours, theirs.0, "decrypt: {}", decrypt);
        }
        Ok(())
    }

    // Differential tests against RustCrypto `des` (a bit-permutation
    // implementation written independently of this one): random keys and blocks.
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(10_000))]

        #[test]
        fn des_matches_rustcrypto(k in any::<[u8; 8]>(), b in any::<[u8; 8]>()) {
            differential(&Des::new([&k]), &des::Des::new(&k.into()), b)?;
        }

        #[test]
        fn tdes_2key_matches_rustcrypto(k1 in any::<[u8; 8]>(), k2 in any::<[u8; 8]>(), b in any::<[u8; 8]>()) {
            let reference = des::TdesEde2::new_from_slice(&[k1, k2].concat()).unwrap();
            differential(&Tdes::new_2key(&k1, &k2), &reference, b)?;
        }

        #[test]
        fn tdes_3key_matches_rustcrypto(
            k1 in any::<[u8; 8]>(), k2 in any::<[u8; 8]>(), k3 in any::<[u8; 8]>(), b in any::<[u8; 8]>(),
        ) {
            let reference = des::TdesEde3::new_from_slice(&[k1, k2, k3].concat()).unwrap();
            differential(&Tdes::new([&k1, &k2, &k3]), &reference, b)?;
        }
    }
}
