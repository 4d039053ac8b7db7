package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory

/** The published known-answer vectors of core/tests/vectors, one dynamic test each. */
class VectorsTest {
    @TestFactory
    fun pinBlocks(): List<DynamicTest> = vectors("pin.json").map { v ->
        dynamicTest(v.getString("name")) {
            val format = parsePinFormat(v.getString("format"))
            val pin = v.getString("pin")
            val pan = v.optStr("pan")
            v.optHex("clear_block")?.let { clear ->
                assertEquals(pin, pinDecode(clear, pan, format))
                if (format in setOf(PinFormat.ISO0, PinFormat.ISO2, PinFormat.SM4)) {
                    assertArrayEquals(clear, pinEncode(pin, pan, format))
                }
            }
            val material = v.optHex("key")
            val encrypted = v.optHex("encrypted_block")
            if (material != null && encrypted != null) {
                Key(material, v.getString("key_algorithm"), "pin").use { key ->
                    assertEquals(pin, pinDecrypt(encrypted, pan, key, format))
                    if (format == PinFormat.ISO0) {
                        // Format 0 has no random fill: encryption must reproduce the published block.
                        assertArrayEquals(encrypted, pinEncrypt(pin, pan, key, format))
                    }
                }
            }
        }
    }

    @TestFactory
    fun checkValues(): List<DynamicTest> = vectors("kcv.json").map { v ->
        dynamicTest(v.getString("name")) {
            val algorithm = v.getString("key_algorithm")
            val method = when (v.getString("method")) {
                "zero_block" -> CheckValueMethod.ZERO_BLOCK
                "cmac" -> CheckValueMethod.CMAC
                else -> error("unknown method in kcv.json")
            }
            val expected = hex(v.getString("kcv"))
            // Single DES is allowed for legacy MAC keys only.
            val usage = if (algorithm == "des") "mac" else "kek"
            Key(hex(v.getString("key")), algorithm, usage).use { key ->
                assertArrayEquals(expected, key.kcvWith(method, expected.size.toUInt()))
                key.verifyCheckValue(method, expected)
                val standard = if (algorithm == "aes") CheckValueMethod.CMAC else CheckValueMethod.ZERO_BLOCK
                if (method == standard) {
                    // A check value is the leftmost bytes: compare the common prefix.
                    val kcv = key.kcv()
                    assertEquals(3, kcv.size)
                    val n = minOf(3, expected.size)
                    assertArrayEquals(expected.copyOf(n), kcv.copyOf(n))
                    assertArrayEquals(expected, key.kcv(expected.size.toUInt()))
                }
                if (method == CheckValueMethod.ZERO_BLOCK && expected.size >= 4) {
                    assertArrayEquals(expected.copyOf(4), key.kcvUnionpay())
                }
                val flipped = expected.copyOf().also { it[0] = (it[0].toInt() xor 1).toByte() }
                assertPosguard<PosguardException.CheckValueMismatch>(21u) { key.verifyCheckValue(method, flipped) }
                assertTrue(key.toString().contains(key.kcv().toHex()))
            }
        }
    }
}
