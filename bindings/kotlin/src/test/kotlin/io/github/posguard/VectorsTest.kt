package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.TestFactory
import org.junit.jupiter.api.assertThrows

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

    @TestFactory
    fun tr31KeyBlocks(): List<DynamicTest> = vectors("tr31.json").map { v ->
        dynamicTest(v.getString("name")) {
            val block = v.getString("block")
            val strict = v.getBoolean("strict")
            val allowA = v.getBoolean("allow_version_a")
            Key(hex(v.getString("kbpk")), v.getString("kbpk_algorithm"), "K1").use { kbpk ->
                if (v.has("error_code")) {
                    val e = assertThrows<PosguardException> { tr31Unwrap(kbpk, block, strict, allowA) }
                    assertEquals(v.getInt("error_code").toUInt(), e.code(), e.message)
                    return@use
                }
                tr31Unwrap(kbpk, block, strict, allowA).use { key ->
                    assertEquals(v.getString("key"), key.exportClear().toHex())
                    assertEquals(v.getString("usage"), key.usageCode())
                    assertEquals(v.getString("algorithm"), key.algorithm())
                    assertEquals(v.getString("mode"), key.mode())
                    val header = tr31Inspect(block)
                    assertEquals(v.getString("version"), header.version)
                    assertEquals(block.length.toULong(), header.length)
                    assertEquals(key.usage(), header.usage)
                    assertEquals(key.usageCode(), header.usageCode)
                    assertEquals(key.algorithm(), header.algorithm)
                    assertEquals(key.mode(), header.mode)
                    assertEquals(v.getString("key_version"), header.keyVersion)
                    assertEquals(v.getString("exportability"), header.exportability)
                    val blocks = v.getJSONArray("optional_blocks").map { it as String }
                    assertEquals(blocks, header.optionalBlocks.map { it.id + it.data })
                    // Lenient mode accepts every block strict mode accepts.
                    tr31Unwrap(kbpk, block, strict = false, allowVersionA = allowA).use {
                        assertArrayEquals(key.exportClear(), it.exportClear())
                    }
                    if (header.version == "A") {
                        assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Unwrap(kbpk, block, strict = false) }
                    }
                }
            }
        }
    }

    @TestFactory
    fun tr31WrapReproducesPublishedBlocks(): List<DynamicTest> = vectors("tr31.json").filter { it.has("pad") }.map { v ->
        dynamicTest(v.getString("name")) {
            Key(hex(v.getString("kbpk")), v.getString("kbpk_algorithm"), "K1").use { kbpk ->
                val material = hex(v.getString("key"))
                Key.withMode(material, v.getString("algorithm"), v.getString("usage"), v.getString("mode")).use { key ->
                    val options = Tr31WrapOptions(
                        version = v.getString("version"),
                        keyVersion = v.getString("key_version"),
                        exportability = v.getString("exportability"),
                        optionalBlocks = v.getJSONArray("optional_blocks").map { it as String }
                            .filter { !it.startsWith("PB") }
                            .map { Tr31OptionalBlock(it.substring(0, 2), it.substring(2)) },
                        maskKeyLength = v.getBoolean("mask_key_length"),
                    )
                    val pad = Replay(hex(v.getString("pad")))
                    assertEquals(v.getString("block"), tr31Wrap(kbpk, key, options, pad))
                    assertTrue(pad.used, "the published padding was used")
                }
            }
        }
    }

    @TestFactory
    fun dukptTdes(): List<DynamicTest> = vectors("dukpt_tdes.json").map { v ->
        dynamicTest(v.getString("name")) {
            val ksn = hex(v.getString("ksn"))
            Key(hex(v.getString("bdk")), "tdes", "B0").use { bdk ->
                dukptTdesDeriveIpek(bdk, ksn).use { ipek ->
                    assertEquals(v.getString("ipek"), ipek.exportClear().toHex())
                    assertEquals("B1", ipek.usageCode())
                    dukptTdesDeriveKey(bdk, ksn, "pin").use { pinKey ->
                        assertEquals(v.getString("pin_key"), pinKey.exportClear().toHex())
                        assertEquals("P0", pinKey.usageCode())
                        val pan = v.getString("pan")
                        // Format 0 has no random fill: encryption reproduces the published block.
                        assertEquals(v.getString("encrypted_pin_block"), pinEncrypt(v.getString("pin"), pan, pinKey, PinFormat.ISO0).toHex())
                        assertEquals(v.getString("pin"), pinDecrypt(hex(v.getString("encrypted_pin_block")), pan, pinKey, PinFormat.ISO0))
                    }
                    dukptTdesDeriveKeyFromIpek(ipek, ksn, "pin").use { assertEquals(v.getString("pin_key"), it.exportClear().toHex()) }
                    dukptTdesDeriveKey(bdk, ksn, "mac_request").use { assertEquals(v.getString("mac_request_key"), it.exportClear().toHex()) }
                    // The device resumed at this KSN hands out the same keys.
                    DukptTdesDevice(ipek, ksn).use { device ->
                        assertArrayEquals(ksn, device.ksn())
                        val txn = device.next("pin")
                        assertArrayEquals(ksn, txn.ksn)
                        txn.key.use { assertEquals(v.getString("pin_key"), it.exportClear().toHex()) }
                    }
                }
                val message = v.optHex("message") ?: return@use
                for ((usage, field) in listOf("mac_request" to "mac_request", "mac_response" to "mac_response")) {
                    dukptTdesDeriveKey(bdk, ksn, usage).use { mak ->
                        val mac = hex(v.getString(field))
                        // ISO 9797-1 algorithm 3 (retail MAC), padding method 1, 8 bytes.
                        assertArrayEquals(mac, macGenerate(mak, message, "iso9797_3"))
                        macVerify(mak, message, mac, "iso9797_3")
                    }
                }
                for ((usage, field) in listOf("data_request" to "data_request_ciphertext", "data_response" to "data_response_ciphertext")) {
                    dukptTdesDeriveKey(bdk, ksn, usage).use { dek ->
                        val ciphertext = hex(v.getString(field))
                        assertArrayEquals(ciphertext, dataEncrypt(dek, message, "cbc", null, "zeros"))
                        assertArrayEquals(message.copyOf(24), dataDecrypt(dek, ciphertext, padding = "zeros"))
                    }
                }
            }
        }
    }

    @TestFactory
    fun dukptAes(): List<DynamicTest> = vectors("dukpt_aes.json").filter { it.getString("kind") != "derivation_key" }.map { v ->
        dynamicTest(v.getString("name")) {
            val id = hex(v.getString("initial_key_id"))
            val keyType = v.getString("key_type")
            val expected = v.getString("key")
            Key(hex(v.getString("bdk")), "aes", "B0").use { bdk ->
                dukptAesDeriveInitialKey(bdk, id).use { ik ->
                    v.optStr("initial_key")?.let { assertEquals(it, ik.exportClear().toHex()) }
                    assertEquals("B1", ik.usageCode())
                    when (v.getString("kind")) {
                        "initial_key" -> assertEquals(expected, ik.exportClear().toHex())
                        "update_key" -> dukptAesDeriveUpdateKey(ik, id, keyType).use {
                            assertEquals(expected, it.exportClear().toHex())
                            assertEquals("K0", it.usageCode())
                        }
                        "working_key", "pin_block" -> {
                            val ksn = hex(v.getString("ksn"))
                            val usage = v.getString("usage")
                            dukptAesDeriveKey(bdk, ksn, usage, keyType).use { assertEquals(expected, it.exportClear().toHex()) }
                            dukptAesDeriveWorkingKey(ik, ksn, usage, keyType).use { assertEquals(expected, it.exportClear().toHex()) }
                            DukptAesDevice(ik, ksn).use { device ->
                                val txn = device.next(usage, keyType)
                                assertArrayEquals(ksn, txn.ksn)
                                txn.key.use { assertEquals(expected, it.exportClear().toHex()) }
                            }
                            v.optStr("encrypted_pin_block")?.let { block ->
                                dukptAesDeriveKey(bdk, ksn, usage, keyType).use { pinKey ->
                                    assertEquals(v.getString("pin"), pinDecrypt(hex(block), v.getString("pan"), pinKey, PinFormat.ISO4))
                                }
                            }
                        }
                        else -> error("unknown kind in dukpt_aes.json")
                    }
                }
            }
        }
    }

    @TestFactory
    fun macs(): List<DynamicTest> = vectors("mac.json").map { v ->
        dynamicTest(v.getString("name")) {
            val data = hex(v.getString("data"))
            val mac = hex(v.getString("mac"))
            val algorithm = v.getString("algorithm")
            val padding = v.getInt("padding").toUInt()
            val length = if (v.isNull("length")) null else v.getInt("length").toUInt()
            Key(hex(v.getString("key")), v.getString("key_algorithm"), v.getString("key_usage")).use { key ->
                assertArrayEquals(mac, macGenerate(key, data, algorithm, padding, length))
                macVerify(key, data, mac, algorithm, padding)
                val flipped = mac.copyOf().also { it[it.size - 1] = (it[it.size - 1].toInt() xor 1).toByte() }
                assertPosguard<PosguardException.MacMismatch>(20u) { macVerify(key, data, flipped, algorithm, padding) }
            }
        }
    }
}
