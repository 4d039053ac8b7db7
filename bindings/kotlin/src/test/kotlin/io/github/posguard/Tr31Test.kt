package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows
import kotlin.random.Random

/** TR-31 / X9.143 key blocks: round trips, options, tampering. Published blocks are in VectorsTest. */
class Tr31Test {
    private val random = Random(31)

    private fun bytes(n: Int) = random.nextBytes(n)

    /** A KBPK for [version]: 3-key TDES for B and C, AES-256 for D and E (strong enough for any key). */
    private fun kbpkFor(version: String): Key =
        if (version == "B" || version == "C") Key(bytes(24), "tdes", "K1") else Key(bytes(32), "aes", "K1")

    /** Keys each version can carry: (material, algorithm, usage code, mode). */
    private fun keysFor(version: String): List<Key> {
        val keys = mutableListOf(
            Key.withMode(bytes(16), "tdes", "P0", "E"),
            Key(bytes(24), "tdes", "D0"),
            Key(bytes(16), "tdes", "M3"),
            Key(bytes(16), "tdes", "B0"),
        )
        if (version == "D" || version == "E") {
            keys += Key(bytes(16), "aes", "D0")
            keys += Key.withMode(bytes(24), "aes", "M6", "G")
            keys += Key(bytes(32), "aes", "K0")
            keys += Key(bytes(32), "hmac", "M7")
        }
        return keys
    }

    @TestFactory
    fun `wrap then unwrap returns the same key and attributes for every version`(): List<DynamicTest> =
        listOf("B", "C", "D", "E").map { version ->
            dynamicTest("version $version") {
                kbpkFor(version).use { kbpk ->
                    for (key in keysFor(version)) key.use {
                        val blocks = mutableListOf(Tr31OptionalBlock("KS", "FFFF9876543210E0"), Tr31OptionalBlock("TS", "20250101120000Z"))
                        if (key.algorithm() != "hmac") blocks += Tr31OptionalBlock("KC")
                        blocks += Tr31OptionalBlock("KP")
                        val options = Tr31WrapOptions(version = version, keyVersion = "12", exportability = "E", optionalBlocks = blocks)
                        val block = tr31Wrap(kbpk, key, options)
                        assertEquals(version, block.substring(0, 1))
                        tr31Unwrap(kbpk, block).use { back ->
                            assertArrayEquals(key.exportClear(), back.exportClear(), block)
                            assertEquals(key.toString(), back.toString())
                            assertEquals(listOf(key.algorithm(), key.usage(), key.mode()), listOf(back.algorithm(), back.usage(), back.mode()))
                        }
                        val header = tr31Inspect(block)
                        assertEquals(version, header.version)
                        assertEquals(block.length.toULong(), header.length)
                        assertEquals(key.usageCode(), header.usageCode)
                        assertEquals(key.usage(), header.usage)
                        assertEquals(key.algorithm(), header.algorithm)
                        assertEquals(key.mode(), header.mode)
                        assertEquals("12", header.keyVersion)
                        assertEquals("E", header.exportability)
                        val ids = header.optionalBlocks.map { it.id }
                        assertEquals(blocks.map { it.id }, ids.filter { it != "PB" })
                        if ("PB" in ids) assertEquals("PB", ids.last())
                        assertEquals("FFFF9876543210E0", header.optionalBlocks.first { it.id == "KS" }.data)
                        // KC and KP were filled in by the wrap: algorithm 00/01 and a check value.
                        for (id in listOf("KC", "KP")) header.optionalBlocks.firstOrNull { it.id == id }?.let {
                            assertTrue(it.data.length >= 8 && (it.data.startsWith("00") || it.data.startsWith("01")), it.data)
                        }
                    }
                }
            }
        }

    @Test
    fun `defaults are version D, key version 00, non-exportable, key length masked, random padding`() {
        kbpkFor("D").use { kbpk ->
            Key(Keys.TDES, "tdes", "pin").use { key ->
                val block = tr31Wrap(kbpk, key)
                val header = tr31Inspect(block)
                assertEquals(listOf("D", "00", "N"), listOf(header.version, header.keyVersion, header.exportability))
                assertTrue(header.optionalBlocks.isEmpty())
                // 16 header + hex of (2 + 24 masked key bytes + 6 padding) + 16-byte MAC in hex.
                assertEquals(16 + 64 + 32, block.length)
                assertNotEquals(block, tr31Wrap(kbpk, key), "the padding is random")
                tr31Unwrap(kbpk, block).use { assertArrayEquals(Keys.TDES, it.exportClear()) }
            }
        }
    }

    @Test
    fun `a block without key length masking needs lenient unwrap`() {
        kbpkFor("D").use { kbpk ->
            Key(Keys.AES, "aes", "data").use { key ->
                // AES-128 masked to 32 bytes: 2 + 32 = 34, padded to 48; unmasked: 2 + 16 = 18, padded to 32.
                assertEquals(16 + 96 + 32, tr31Wrap(kbpk, key).length)
                val block = tr31Wrap(kbpk, key, Tr31WrapOptions(maskKeyLength = false))
                assertEquals(16 + 64 + 32, block.length)
                assertPosguard<PosguardException.MalformedKeyBlock>(50u) { tr31Unwrap(kbpk, block) }
                tr31Unwrap(kbpk, block, strict = false).use { assertArrayEquals(Keys.AES, it.exportClear()) }
            }
        }
    }

    @Test
    fun `the padding comes from the caller's random source when given`() {
        kbpkFor("B").use { kbpk ->
            Key(Keys.TDES, "tdes", "pin").use { key ->
                // B, 2-key TDES masked to 24 bytes: 2 + 24 = 26, padded to 32: 14 random bytes after the key.
                val pad = Replay(ByteArray(14) { 0x5A })
                val first = tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), pad)
                assertTrue(pad.used)
                assertEquals(first, tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), Replay(ByteArray(14) { 0x5A })))
                assertNotEquals(first, tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), Replay(ByteArray(14) { 0x5B })))
                // A source that fails, or gives the wrong number of bytes, fails the wrap.
                val failing = object : RandomSource {
                    override fun fill(length: UInt): ByteArray = throw IllegalStateException("no entropy")
                }
                assertPosguard<PosguardException.Rng>(30u) { tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), failing) }
                assertPosguard<PosguardException.Rng>(30u) { tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), Replay(ByteArray(13))) }
                val refusing = object : RandomSource {
                    override fun fill(length: UInt): ByteArray = throw PosguardException.Rng(30u, "sealed RNG closed")
                }
                assertPosguard<PosguardException.Rng>(30u) { tr31Wrap(kbpk, key, Tr31WrapOptions(version = "B"), refusing) }
            }
        }
    }

    @TestFactory
    fun `every single-bit flip anywhere in a key block is rejected`(): List<DynamicTest> =
        listOf("B", "C", "D", "E").map { version ->
            dynamicTest("version $version") {
                kbpkFor(version).use { kbpk ->
                    Key(bytes(16), "tdes", "pin").use { key ->
                        val options = Tr31WrapOptions(version = version, optionalBlocks = listOf(Tr31OptionalBlock("KS", "00604B120F9292800000")))
                        val block = tr31Wrap(kbpk, key, options)
                        val headerLength = 16 + tr31Inspect(block).optionalBlocks.sumOf { 4 + it.data.length }
                        for (i in block.indices) for (bit in 0 until 7) {
                            val flipped = block.substring(0, i) + (block[i].code xor (1 shl bit)).toChar() + block.substring(i + 1)
                            // Lenient unwrap reads lower-case hex: a-f for A-F is the same key block.
                            val sameInLenient = flipped[i].uppercaseChar() == block[i] && i >= headerLength
                            for (strict in if (sameInLenient) listOf(true) else listOf(true, false)) {
                                val e = assertThrows<PosguardException>("char $i bit $bit strict $strict") { tr31Unwrap(kbpk, flipped, strict) }
                                if (strict && i >= headerLength && flipped[i] in "0123456789ABCDEF") {
                                    assertEquals(22u, e.code(), "a changed hex digit of key data or MAC is an integrity failure")
                                }
                            }
                        }
                    }
                }
            }
        }

    @Test
    fun `a KBPK of the wrong value is an integrity failure that reveals nothing`() {
        kbpkFor("D").use { kbpk ->
            kbpkFor("D").use { other ->
                Key(Keys.AES, "aes", "data").use { key ->
                    val block = tr31Wrap(kbpk, key)
                    val e = assertPosguard<PosguardException.KeyBlockIntegrity>(22u) { tr31Unwrap(other, block) }
                    assertTrue(!e.reason.contains(Keys.AES.toHex()) && !e.reason.contains(block.substring(16, 48)), e.reason)
                }
            }
        }
    }
}
