package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertFalse
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.assertThrows

/** Every kind of bad input gives its own PosguardException subclass and the core's code. */
class BadInputTest {
    private val pan = "4111111111111111"

    @Test
    fun `wrong key length`() {
        for (len in listOf(0, 8, 15, 17, 32)) {
            assertPosguard<PosguardException.InvalidKeyLength>(1u) { Key(ByteArray(len) { 1 }, "tdes", "pin") }
        }
        assertPosguard<PosguardException.InvalidKeyLength>(1u) { Key(ByteArray(24), "sm4", "pin") }
    }

    @Test
    fun `TDES key with equal halves`() {
        assertPosguard<PosguardException.WeakKey>(2u) { Key(Keys.TDES.copyOf(8) + Keys.TDES.copyOf(8), "tdes", "pin") }
    }

    @Test
    fun `MAC key cannot encrypt a PIN`() {
        Key(Keys.TDES, "tdes", "mac").use { mac ->
            assertPosguard<PosguardException.KeyUsage>(3u) { pinEncrypt("4821", pan, mac, PinFormat.ISO0) }
        }
    }

    @Test
    fun `key of the wrong algorithm for the format`() {
        Keys.pinKeyFor(PinFormat.ISO4).use { aes ->
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { pinEncrypt("4821", pan, aes, PinFormat.ISO0) }
        }
        assertPosguard<PosguardException.KeyAlgorithm>(4u) { Key(Keys.TDES.copyOf(8), "des", "pin") }
    }

    @Test
    fun `unknown algorithm, usage and mode strings`() {
        assertPosguard<PosguardException.UnknownAlgorithm>(5u) { Key(Keys.AES, "rot13", "pin") }
        assertPosguard<PosguardException.UnknownKeyUsage>(6u) { Key(Keys.AES, "aes", "Z9") }
        assertPosguard<PosguardException.UnknownKeyUsage>(6u) { Key(Keys.AES, "aes", "") }
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { Key.withMode(Keys.AES, "aes", "pin", "Q") }
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { Key.withMode(Keys.AES, "aes", "pin", "G") }
    }

    @Test
    fun `bad PINs`() {
        Keys.pinKeyFor(PinFormat.ISO0).use { key ->
            for (pin in listOf("12a4", "123", "1234567890123", "", "12 34", "١٢٣٤")) {
                val e = assertPosguard<PosguardException.InvalidPin>(8u) { pinEncrypt(pin, pan, key, PinFormat.ISO0) }
                assertFalse(e.message!!.contains(pin.ifEmpty { "\u0000" }), "no PIN in the message")
                assertPosguard<PosguardException.InvalidPin>(8u) { pinEncode(pin, pan, PinFormat.ISO0) }
            }
        }
        assertPosguard<PosguardException.InvalidPin>(8u) { pinCheckPolicy("12a4") }
    }

    @Test
    fun `bad PANs`() {
        for (format in listOf(PinFormat.ISO0, PinFormat.ISO3, PinFormat.SM4)) {
            for (bad in listOf("411111111111", "41111111111111111111", "41111111111x1111", null)) {
                val e = assertPosguard<PosguardException.InvalidPan>(9u) { pinEncode("4821", bad, format) }
                assertFalse(bad != null && e.message!!.contains(bad), "no PAN in the message")
            }
        }
        Keys.pinKeyFor(PinFormat.ISO4).use { key ->
            assertPosguard<PosguardException.InvalidPan>(9u) { pinEncrypt("4821", null, key, PinFormat.ISO4) }
            assertPosguard<PosguardException.InvalidPan>(9u) { pinEncrypt("4821", "41111111111111111111", key, PinFormat.ISO4) }
        }
    }

    @Test
    fun `block of the wrong length`() {
        for (format in PinFormat.entries) {
            val wrong = if (format == PinFormat.ISO4 || format == PinFormat.SM4) 8 else 16
            Keys.pinKeyFor(format).use { key ->
                assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecrypt(ByteArray(wrong), pan, key, format) }
            }
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecode(ByteArray(wrong + 1), pan, format) }
        }
    }

    @Test
    fun `block whose decoded PIN field is malformed`() {
        // ISO 9564-1 format 2: control 2, length, digits, F fill. 241234FFFFFFFFFF is PIN 1234.
        for (bad in listOf("341234FFFFFFFFFF", "2D1234FFFFFFFFFF", "24123AFFFFFFFFFF", "241234FFFFFFFFFE")) {
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecode(hex(bad), null, PinFormat.ISO2) }
        }
        // A published format 0 block read as format 3: its control field is 0, not 3.
        val v = vectors("pin.json").first { it.getString("format") == "iso0" && !it.isNull("key") }
        Key(hex(v.getString("key")), "tdes", "pin").use { key ->
            val block = hex(v.getString("encrypted_block"))
            assertPosguard<PosguardException.InvalidPinBlock>(10u) { pinDecrypt(block, v.optStr("pan"), key, PinFormat.ISO3) }
        }
    }

    @Test
    fun `unknown format`() {
        for (name in listOf("iso5", "5", "", "sm3", "format")) {
            assertPosguard<PosguardException.UnknownPinFormat>(11u) { parsePinFormat(name) }
        }
    }

    @Test
    fun `forbidden translation`() {
        Keys.pinKeyFor(PinFormat.ISO0).use { key ->
            val block = pinEncrypt("4821", pan, key, PinFormat.ISO0)
            val e = assertPosguard<PosguardException.ForbiddenTranslation>(12u) {
                pinTranslate(block, pan, key, PinFormat.ISO0, key, PinFormat.ISO1)
            }
            assertTrue(e.reason.contains("translation"), e.reason)
        }
    }

    @Test
    fun `weak PIN`() {
        assertPosguard<PosguardException.WeakPin>(13u) { pinCheckPolicy("0000") }
    }

    @Test
    fun `check value length out of range`() {
        Key(Keys.TDES, "tdes", "kek").use { key ->
            assertPosguard<PosguardException.InvalidLength>(14u) { key.kcv(0u) }
            assertPosguard<PosguardException.InvalidLength>(14u) { key.kcvWith(CheckValueMethod.ZERO_BLOCK, 9u) }
        }
    }

    @Test
    fun `exceptions are one sealed hierarchy`() {
        val e: PosguardException = assertPosguard<PosguardException.UnknownPinFormat>(11u) { parsePinFormat("x") }
        val described = when (e) {
            is PosguardException.UnknownPinFormat -> "format ${e.code}"
            else -> "other"
        }
        assertTrue(described == "format 11" && e.message!!.contains("unknown PIN block format"), e.message)
    }

    // ---- TR-31 key blocks -----------------------------------------------------------------

    /** A published strict version D block (ANSI X9.143:2021 section 8.1, tr31.json) and its KBPK. */
    private val d8_1 = vectors("tr31.json").single { it.getString("name") == "x9143_2021_81_version_d" }
    private val dBlock = d8_1.getString("block")
    private fun dKbpk(usage: String = "K1") = Key(hex(d8_1.getString("kbpk")), "aes", usage)

    @Test
    fun `malformed key block headers`() {
        fun malformed(block: String) {
            val e = assertPosguard<PosguardException.MalformedKeyBlock>(50u) { tr31Inspect(block) }
            assertTrue(e.offset <= block.length.toULong(), "offset ${e.offset} inside ${block.length}")
            dKbpk().use { kbpk -> assertThrows<PosguardException> { tr31Unwrap(kbpk, block, strict = false) } }
        }
        malformed("")
        malformed("D0144")
        malformed("X" + dBlock.substring(1)) // unknown version
        malformed("d" + dBlock.substring(1)) // version letters are upper case
        malformed(dBlock.substring(0, dBlock.length - 2)) // shorter than its length field
        malformed(dBlock + "00") // longer than its length field
        malformed("D0143" + dBlock.substring(5)) // length field contradicts the block
        malformed("D01X4" + dBlock.substring(5)) // length not decimal
        malformed(dBlock.substring(0, 16) + "G" + dBlock.substring(17)) // non-hex key data
        malformed(dBlock.substring(0, dBlock.length - 1) + "Z") // non-hex MAC
        malformed("D0144P0AE00E0100" + dBlock.substring(16)) // announces an optional block it does not have
        dKbpk().use { kbpk ->
            val e = assertPosguard<PosguardException.MalformedKeyBlock>(50u) { tr31Unwrap(kbpk, dBlock.substring(0, 16) + "G" + dBlock.substring(17)) }
            assertEquals(16UL, e.offset)
        }
    }

    @Test
    fun `unknown usage, algorithm and mode codes in a key block header`() {
        assertPosguard<PosguardException.UnknownKeyUsage>(6u) { tr31Inspect("D0144Z9AE00E0000" + dBlock.substring(16)) }
        assertPosguard<PosguardException.UnknownAlgorithm>(5u) { tr31Inspect("D0144P0QE00E0000" + dBlock.substring(16)) }
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { tr31Inspect("D0144P0AQ00E0000" + dBlock.substring(16)) }
        // A mode the usage does not allow (a PIN key that generates MACs).
        assertPosguard<PosguardException.InvalidModeOfUse>(7u) { tr31Inspect("D0144P0AG00E0000" + dBlock.substring(16)) }
    }

    @Test
    fun `key block policy and integrity`() {
        // A changed header character breaks the MAC.
        dKbpk().use { kbpk ->
            assertPosguard<PosguardException.KeyBlockIntegrity>(22u) { tr31Unwrap(kbpk, "D0144P0AD00E0000" + dBlock.substring(16)) }
            assertPosguard<PosguardException.KeyBlockIntegrity>(22u) { tr31Unwrap(kbpk, "D0144P0AE00N0000" + dBlock.substring(16)) }
        }
        // The KBPK must be a KBPK (K0/K1) that may unwrap.
        dKbpk("pin").use { assertPosguard<PosguardException.KeyUsage>(3u) { tr31Unwrap(it, dBlock) } }
        Key.withMode(hex(d8_1.getString("kbpk")), "aes", "K1", "E").use { assertPosguard<PosguardException.KeyUsage>(3u) { tr31Unwrap(it, dBlock) } }
        // Versions D and E need an AES KBPK, A to C a TDES one; A is never written; a KBPK weaker than the key is refused.
        Key(Keys.TDES, "tdes", "K1").use { tdes ->
            assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Unwrap(tdes, dBlock) }
            Key(Keys.AES, "aes", "data").use { aes ->
                assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Wrap(tdes, aes, Tr31WrapOptions(version = "B")) }
            }
            Key(Keys.TDES, "tdes", "pin").use { key ->
                assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Wrap(tdes, key, Tr31WrapOptions(version = "A")) }
                assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Wrap(tdes, key, Tr31WrapOptions(version = "D")) }
            }
        }
        Key(Keys.AES, "aes", "K1").use { kbpk ->
            Key(ByteArray(32) { it.toByte() }, "aes", "data").use { key ->
                assertPosguard<PosguardException.KeyBlockPolicy>(51u) { tr31Wrap(kbpk, key) }
            }
            Key(Keys.TDES, "tdes", "pin").use { key ->
                for (bad in listOf(Tr31WrapOptions(version = "F"), Tr31WrapOptions(version = ""), Tr31WrapOptions(exportability = "X"), Tr31WrapOptions(keyVersion = "1"))) {
                    assertPosguard<PosguardException.InvalidArgument>(16u) { tr31Wrap(kbpk, key, bad) }
                }
                assertPosguard<PosguardException.InvalidArgument>(16u) { tr31Wrap(kbpk, key, Tr31WrapOptions(optionalBlocks = listOf(Tr31OptionalBlock("PB", "00")))) }
                assertPosguard<PosguardException.InvalidArgument>(16u) { tr31Wrap(kbpk, key, Tr31WrapOptions(optionalBlocks = listOf(Tr31OptionalBlock("K", "00")))) }
            }
        }
    }

    // ---- DUKPT ---------------------------------------------------------------------------

    private val bdkTdes = hex("0123456789ABCDEFFEDCBA9876543210")
    private val bdkAes = hex("FEDCBA9876543210F1F1F1F1F1F1F1F1")

    @Test
    fun `KSN of the wrong size`() {
        Key(bdkTdes, "tdes", "bdk").use { bdk ->
            dukptTdesDeriveIpek(bdk, hex("FFFF9876543210E00000")).use { ipek ->
                for (size in listOf(0, 8, 9, 11, 12)) {
                    val ksn = ByteArray(size) { 0x11 }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptTdesDeriveIpek(bdk, ksn) }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptTdesDeriveKey(bdk, ksn, "pin") }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptTdesDeriveKeyFromIpek(ipek, ksn, "pin") }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { DukptTdesDevice(ipek, ksn) }
                }
            }
        }
        Key(bdkAes, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, hex("1234567890123456")).use { ik ->
                for (size in listOf(0, 8, 10, 11, 13)) {
                    val ksn = ByteArray(size) { 0x11 }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptAesDeriveKey(bdk, ksn, "pin", "aes128") }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptAesDeriveWorkingKey(ik, ksn, "pin", "aes128") }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { DukptAesDevice(ik, ksn) }
                }
                for (size in listOf(0, 7, 9, 12)) {
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptAesDeriveInitialKey(bdk, ByteArray(size)) }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptAesDeriveUpdateKey(ik, ByteArray(size), "aes128") }
                }
            }
        }
    }

    @Test
    fun `counter with too many one-bits or zero`() {
        Key(bdkTdes, "tdes", "bdk").use { bdk ->
            dukptTdesDeriveIpek(bdk, hex("FFFF9876543210E00000")).use { ipek ->
                // 0x0007FF: 11 one-bits (X9.24-1 allows 10).
                for (ksn in listOf("FFFF9876543210E007FF", "FFFF9876543210FFFFFF", "FFFF9876543210E00000")) {
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptTdesDeriveKey(bdk, hex(ksn), "pin") }
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptTdesDeriveKeyFromIpek(ipek, hex(ksn), "mac_request") }
                }
                assertPosguard<PosguardException.InvalidKsn>(60u) { DukptTdesDevice(ipek, hex("FFFF9876543210E007FF")) }
            }
        }
        Key(bdkAes, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, hex("1234567890123456")).use { ik ->
                // 0x0001FFFF: 17 one-bits (X9.24-3 allows 16); counter 0 has no working keys.
                for (ksn in listOf("12345678901234560001FFFF", "1234567890123456FFFFFFFF", "123456789012345600000000")) {
                    assertPosguard<PosguardException.InvalidKsn>(60u) { dukptAesDeriveKey(bdk, hex(ksn), "pin", "aes128") }
                }
                assertPosguard<PosguardException.InvalidKsn>(60u) { DukptAesDevice(ik, hex("12345678901234560001FFFF")) }
            }
        }
    }

    @Test
    fun `unknown DUKPT usages and key types, and nonsense combinations`() {
        Key(bdkTdes, "tdes", "bdk").use { bdk ->
            val ksn = hex("FFFF9876543210E00001")
            for (usage in listOf("", "PIN encryption", "mac", "data", "kek")) {
                assertPosguard<PosguardException.UnknownKeyUsage>(6u) { dukptTdesDeriveKey(bdk, ksn, usage) }
            }
            dukptTdesDeriveIpek(bdk, ksn).use { ipek ->
                DukptTdesDevice(ipek, ksn).use { device ->
                    assertPosguard<PosguardException.UnknownKeyUsage>(6u) { device.next("pan") }
                    assertArrayEquals(ksn, device.ksn(), "a bad usage uses no counter")
                }
            }
        }
        Key(bdkAes, "aes", "bdk").use { bdk ->
            val ksn = hex("123456789012345600000001")
            assertPosguard<PosguardException.UnknownKeyUsage>(6u) { dukptAesDeriveKey(bdk, ksn, "mac_request", "aes128") }
            assertPosguard<PosguardException.UnknownAlgorithm>(5u) { dukptAesDeriveKey(bdk, ksn, "pin", "aes512") }
            // PIN or data with an HMAC key type; a key stronger than the BDK.
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { dukptAesDeriveKey(bdk, ksn, "pin", "hmac128") }
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { dukptAesDeriveKey(bdk, ksn, "data_both", "hmac256") }
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { dukptAesDeriveKey(bdk, ksn, "pin", "aes256") }
            dukptAesDeriveInitialKey(bdk, hex("1234567890123456")).use { ik ->
                assertPosguard<PosguardException.KeyAlgorithm>(4u) { dukptAesDeriveUpdateKey(ik, hex("1234567890123456"), "hmac128") }
                DukptAesDevice(ik, ksn).use { device ->
                    assertPosguard<PosguardException.UnknownAlgorithm>(5u) { device.next("pin", "des") }
                    assertPosguard<PosguardException.UnknownKeyUsage>(6u) { device.next("mac") }
                    assertArrayEquals(ksn, device.ksn(), "a bad name uses no counter")
                }
            }
        }
    }

    @Test
    fun `wrong key usage for DUKPT`() {
        val ksn = hex("FFFF9876543210E00001")
        Key(bdkTdes, "tdes", "pin").use { notBdk ->
            assertPosguard<PosguardException.KeyUsage>(3u) { dukptTdesDeriveIpek(notBdk, ksn) }
            assertPosguard<PosguardException.KeyUsage>(3u) { dukptTdesDeriveKey(notBdk, ksn, "pin") }
            assertPosguard<PosguardException.KeyUsage>(3u) { DukptTdesDevice(notBdk, ksn) }
        }
        Key(bdkTdes, "tdes", "bdk").use { bdk ->
            // A BDK is not an initial key: the device and the from-IPEK path refuse it.
            assertPosguard<PosguardException.KeyUsage>(3u) { DukptTdesDevice(bdk, ksn) }
            assertPosguard<PosguardException.KeyUsage>(3u) { dukptTdesDeriveKeyFromIpek(bdk, ksn, "pin") }
            // TDES DUKPT is not AES DUKPT.
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { dukptAesDeriveInitialKey(bdk, hex("1234567890123456")) }
        }
        Key(bdkAes, "aes", "kek").use { notBdk ->
            assertPosguard<PosguardException.KeyUsage>(3u) { dukptAesDeriveInitialKey(notBdk, hex("1234567890123456")) }
            assertPosguard<PosguardException.KeyUsage>(3u) { DukptAesDevice(notBdk, hex("123456789012345600000000")) }
        }
    }

    @Test
    fun `corrupt device state`() {
        Key(bdkTdes, "tdes", "bdk").use { bdk ->
            dukptTdesDeriveIpek(bdk, hex("FFFF9876543210E00000")).use { ipek ->
                DukptTdesDevice(ipek, hex("FFFF9876543210E00000")).use { device ->
                    device.next("pin")
                    val state = device.save()
                    for (bad in listOf(ByteArray(0), state.copyOf(state.size - 1), state + byteArrayOf(0), state.flipBit(3), state.flipBit(8 * state.size - 1))) {
                        assertPosguard<PosguardException.InvalidState>(62u) { DukptTdesDevice.restore(bad) }
                    }
                    // A TDES state is not an AES state.
                    assertPosguard<PosguardException.InvalidState>(62u) { DukptAesDevice.restore(state) }
                }
            }
        }
        Key(bdkAes, "aes", "bdk").use { bdk ->
            dukptAesDeriveInitialKey(bdk, hex("1234567890123456")).use { ik ->
                DukptAesDevice(ik, hex("123456789012345600000000")).use { device ->
                    val state = device.save()
                    for (bad in listOf(ByteArray(0), state.copyOf(20), state.flipBit(100), state.flipBit(8 * state.size - 1))) {
                        assertPosguard<PosguardException.InvalidState>(62u) { DukptAesDevice.restore(bad) }
                    }
                    assertPosguard<PosguardException.InvalidState>(62u) { DukptTdesDevice.restore(state) }
                }
            }
        }
    }

    // ---- MACs and data -------------------------------------------------------------------

    @Test
    fun `wrong key usage or algorithm for MAC and data`() {
        val data = ByteArray(16)
        Key(Keys.TDES, "tdes", "pin").use { pinKey ->
            assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(pinKey, data, "iso9797_3") }
            assertPosguard<PosguardException.KeyUsage>(3u) { macVerify(pinKey, data, ByteArray(8), "iso9797_3") }
            assertPosguard<PosguardException.KeyUsage>(3u) { dataEncrypt(pinKey, data) }
            assertPosguard<PosguardException.KeyUsage>(3u) { dataDecrypt(pinKey, data) }
        }
        Key(Keys.TDES, "tdes", "data").use { dataKey ->
            assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(dataKey, data, "iso9797_1") }
        }
        Key(Keys.TDES, "tdes", "mac").use { mac ->
            assertPosguard<PosguardException.KeyUsage>(3u) { dataEncrypt(mac, data) }
        }
        // A CMAC key (M6) is not a retail MAC key (M3).
        Key(Keys.TDES, "tdes", "M6").use { cmacKey ->
            assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(cmacKey, data, "iso9797_3") }
        }
        // Retail MAC needs a double-length TDES key; HMAC an HMAC key.
        Key(Keys.AES, "aes", "mac").use { aes ->
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { macGenerate(aes, data, "iso9797_3") }
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { macGenerate(aes, data, "hmac_sha256") }
        }
        Key(ByteArray(24) { (it * 7).toByte() }, "tdes", "mac").use { threeKey ->
            assertPosguard<PosguardException.KeyAlgorithm>(4u) { macGenerate(threeKey, data, "iso9797_3") }
        }
    }

    @Test
    fun `MAC length, padding and algorithm out of range`() {
        val data = ByteArray(20)
        Key(Keys.TDES, "tdes", "mac").use { key ->
            for (len in listOf(0u, 3u, 9u, 100u)) {
                assertPosguard<PosguardException.InvalidLength>(14u) { macGenerate(key, data, "iso9797_3", length = len) }
            }
            for (len in listOf(0, 3, 9)) {
                assertPosguard<PosguardException.InvalidLength>(14u) { macVerify(key, data, ByteArray(len), "iso9797_3") }
            }
            for (padding in listOf(0u, 4u, 99u)) {
                assertPosguard<PosguardException.InvalidArgument>(16u) { macGenerate(key, data, "iso9797_1", padding) }
                assertPosguard<PosguardException.InvalidArgument>(16u) { macVerify(key, data, ByteArray(8), "iso9797_1", padding) }
            }
            // CMAC and the UnionPay MAC define their own padding.
            assertPosguard<PosguardException.InvalidArgument>(16u) { macGenerate(key, data, "cmac", 2u) }
            assertPosguard<PosguardException.InvalidArgument>(16u) { macGenerate(key, data, "unionpay_ecb", 3u) }
            for (name in listOf("", "md5", "iso9797_2", "cmac_aes")) {
                assertPosguard<PosguardException.InvalidArgument>(16u) { macGenerate(key, data, name) }
            }
            assertPosguard<PosguardException.MacMismatch>(20u) { macVerify(key, data, ByteArray(8), "iso9797_1") }
        }
        Key(ByteArray(32) { 1 }, "hmac", "M7").use { key ->
            assertPosguard<PosguardException.InvalidLength>(14u) { macGenerate(key, data, "hmac_sha256", length = 9u) }
            assertPosguard<PosguardException.InvalidLength>(14u) { macGenerate(key, data, "hmac_sha256", length = 33u) }
        }
    }

    @Test
    fun `data of the wrong size, IV of the wrong size, bad padding`() {
        Key(Keys.AES, "aes", "data").use { key ->
            for (len in listOf(1, 15, 17, 33)) {
                assertPosguard<PosguardException.InvalidLength>(14u) { dataEncrypt(key, ByteArray(len)) }
                assertPosguard<PosguardException.InvalidLength>(14u) { dataDecrypt(key, ByteArray(len), padding = "iso9797_2") }
            }
            for (iv in listOf(0, 8, 15, 17)) {
                assertPosguard<PosguardException.InvalidLength>(14u) { dataEncrypt(key, ByteArray(16), iv = ByteArray(iv)) }
                assertPosguard<PosguardException.InvalidLength>(14u) { dataDecrypt(key, ByteArray(16), iv = ByteArray(iv)) }
            }
            assertPosguard<PosguardException.InvalidArgument>(16u) { dataEncrypt(key, ByteArray(16), "ecb", ByteArray(16)) }
            for (mode in listOf("", "ctr", "gcm")) {
                assertPosguard<PosguardException.InvalidArgument>(16u) { dataEncrypt(key, ByteArray(16), mode) }
            }
            for (padding in listOf("", "pkcs7", "iso9797_1")) {
                assertPosguard<PosguardException.InvalidArgument>(16u) { dataEncrypt(key, ByteArray(16), padding = padding) }
            }
            // Decrypting data that was not padded with method 2.
            val ciphertext = dataEncrypt(key, ByteArray(32))
            assertPosguard<PosguardException.InvalidPadding>(17u) { dataDecrypt(key, ciphertext, padding = "iso9797_2") }
        }
        Key(Keys.TDES, "tdes", "data").use { key ->
            assertPosguard<PosguardException.InvalidLength>(14u) { dataEncrypt(key, ByteArray(12)) }
            assertPosguard<PosguardException.InvalidLength>(14u) { dataEncrypt(key, ByteArray(8), iv = ByteArray(16)) }
        }
    }
}
