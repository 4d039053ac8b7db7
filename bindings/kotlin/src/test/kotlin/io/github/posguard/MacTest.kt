package io.github.posguard

import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.DynamicTest
import org.junit.jupiter.api.DynamicTest.dynamicTest
import org.junit.jupiter.api.Test
import org.junit.jupiter.api.TestFactory
import javax.crypto.Cipher
import javax.crypto.Mac
import javax.crypto.spec.IvParameterSpec
import javax.crypto.spec.SecretKeySpec
import kotlin.random.Random

/**
 * MACs and data encryption against the JDK's own DES, TDES, AES and HMAC (an independent
 * implementation), on random keys and every message length from 0 to 70 bytes.
 * Published known answers are in VectorsTest.
 */
class MacTest {
    private val random = Random(9797)

    // ---- the JDK reference ---------------------------------------------------------------

    private fun jdkEcb(algorithm: String, key: ByteArray, data: ByteArray, encrypt: Boolean = true): ByteArray {
        val (name, spec) = when (algorithm) {
            "aes" -> "AES" to key
            "des" -> "DES" to key
            else -> "DESede" to (if (key.size == 16) key + key.copyOf(8) else key)
        }
        val cipher = Cipher.getInstance("$name/ECB/NoPadding")
        cipher.init(if (encrypt) Cipher.ENCRYPT_MODE else Cipher.DECRYPT_MODE, SecretKeySpec(spec, name))
        return cipher.doFinal(data)
    }

    private fun jdkCbc(algorithm: String, key: ByteArray, iv: ByteArray, data: ByteArray, encrypt: Boolean = true): ByteArray {
        val (name, spec) = if (algorithm == "aes") "AES" to key else "DESede" to (if (key.size == 16) key + key.copyOf(8) else key)
        val cipher = Cipher.getInstance("$name/CBC/NoPadding")
        cipher.init(if (encrypt) Cipher.ENCRYPT_MODE else Cipher.DECRYPT_MODE, SecretKeySpec(spec, name), IvParameterSpec(iv))
        return cipher.doFinal(data)
    }

    /** ISO/IEC 9797-1 padding methods 1, 2, 3 (clause 6.1) to blocks of [n] bytes. */
    private fun pad(data: ByteArray, method: Int, n: Int): ByteArray = when (method) {
        1 -> if (data.isEmpty()) ByteArray(n) else data.copyOf((data.size + n - 1) / n * n)
        2 -> (data + byteArrayOf(0x80.toByte())).let { it.copyOf((it.size + n - 1) / n * n) }
        else -> {
            val bits = data.size.toLong() * 8
            val length = ByteArray(n) { i -> if (i >= n - 8) (bits ushr (8 * (n - 1 - i))).toByte() else 0 }
            length + (if (data.isEmpty()) data else data.copyOf((data.size + n - 1) / n * n))
        }
    }

    /** ISO/IEC 9797-1 MAC algorithm 1: the last block of CBC with a zero IV. */
    private fun cbcMac(algorithm: String, key: ByteArray, data: ByteArray, method: Int): ByteArray {
        val n = if (algorithm == "aes") 16 else 8
        val out = jdkCbc(algorithm, key, ByteArray(n), pad(data, method, n))
        return out.copyOfRange(out.size - n, out.size)
    }

    /** ISO/IEC 9797-1 MAC algorithm 3 (ANSI X9.19): single-DES CBC-MAC under K, then e_K(d_K'(H)). */
    private fun retailMac(key: ByteArray, data: ByteArray, method: Int): ByteArray {
        val k = key.copyOf(8)
        val k2 = key.copyOfRange(8, 16)
        val padded = pad(data, method, 8)
        val cipher = Cipher.getInstance("DES/CBC/NoPadding")
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeySpec(k, "DES"), IvParameterSpec(ByteArray(8)))
        val h = cipher.doFinal(padded).let { it.copyOfRange(it.size - 8, it.size) }
        return jdkEcb("des", k, jdkEcb("des", k2, h, encrypt = false))
    }

    /**
     * The China UnionPay POS terminal MAC ("ECB" algorithm) as the UnionPay terminal
     * specification describes it: XOR the zero-padded 8-byte blocks, expand to 16 upper-case
     * hex characters, encrypt the first 8, XOR with the last 8, encrypt, expand, take 8.
     */
    private fun unionPay(algorithm: String, key: ByteArray, data: ByteArray): ByteArray {
        val fold = ByteArray(8)
        for (i in data.indices) fold[i % 8] = (fold[i % 8].toInt() xor data[i].toInt()).toByte()
        val hex = fold.toHex().toByteArray(Charsets.US_ASCII)
        val first = jdkEcb(algorithm, key, hex.copyOf(8))
        val mixed = ByteArray(8) { (first[it].toInt() xor hex[8 + it].toInt()).toByte() }
        return jdkEcb(algorithm, key, mixed).toHex().substring(0, 8).toByteArray(Charsets.US_ASCII)
    }

    // ---- differential tests --------------------------------------------------------------

    @TestFactory
    fun `MACs match the JDK on every message length`(): List<DynamicTest> = listOf(
        "iso9797_1 aes", "iso9797_1 tdes", "iso9797_3 tdes", "hmac_sha256", "unionpay_ecb tdes", "unionpay_ecb des",
    ).map { case ->
        dynamicTest(case) {
            repeat(3) {
                val (algorithm, keyAlgorithm) = when (case) {
                    "hmac_sha256" -> "hmac_sha256" to "hmac"
                    else -> case.split(" ").let { it[0] to it[1] }
                }
                val material = random.nextBytes(if (keyAlgorithm == "des") 8 else if (keyAlgorithm == "hmac") 32 else 16)
                val usage = if (keyAlgorithm == "hmac") "M7" else "mac"
                Key(material, keyAlgorithm, usage).use { key ->
                    for (len in 0..70) {
                        val data = random.nextBytes(len)
                        val methods = if (algorithm.startsWith("iso9797")) listOf(1, 2, 3) else listOf(1)
                        for (method in methods) {
                            val expected = when (algorithm) {
                                "iso9797_1" -> cbcMac(keyAlgorithm, material, data, method)
                                "iso9797_3" -> retailMac(material, data, method)
                                "hmac_sha256" -> Mac.getInstance("HmacSHA256").run {
                                    init(SecretKeySpec(material, "HmacSHA256"))
                                    doFinal(data)
                                }
                                else -> unionPay(keyAlgorithm, material, data)
                            }
                            val mac = macGenerate(key, data, algorithm, method.toUInt())
                            assertArrayEquals(expected, mac, "$case length $len padding $method")
                            macVerify(key, data, mac, algorithm, method.toUInt())
                        }
                    }
                }
            }
        }
    }

    @TestFactory
    fun `data encryption matches the JDK`(): List<DynamicTest> = listOf("aes" to 16, "aes" to 32, "tdes" to 16, "tdes" to 24).map { (algorithm, size) ->
        dynamicTest("$algorithm-$size") {
            val material = random.nextBytes(size)
            val n = if (algorithm == "aes") 16 else 8
            Key(material, algorithm, "data").use { key ->
                for (blocks in 0..5) {
                    val data = random.nextBytes(blocks * n)
                    val iv = random.nextBytes(n)
                    assertArrayEquals(jdkEcb(algorithm, material, data), dataEncrypt(key, data, "ecb"))
                    assertArrayEquals(jdkCbc(algorithm, material, iv, data), dataEncrypt(key, data, "cbc", iv))
                    assertArrayEquals(jdkCbc(algorithm, material, ByteArray(n), data), dataEncrypt(key, data), "CBC with a zero IV by default")
                    assertArrayEquals(data, dataDecrypt(key, jdkCbc(algorithm, material, iv, data), "cbc", iv))
                    assertArrayEquals(data, dataDecrypt(key, jdkEcb(algorithm, material, data), "ecb"))
                }
                for (len in 0..40) {
                    val data = random.nextBytes(len)
                    val m2 = pad(data, 2, n)
                    assertArrayEquals(jdkCbc(algorithm, material, ByteArray(n), m2), dataEncrypt(key, data, padding = "iso9797_2"))
                    assertArrayEquals(data, dataDecrypt(key, dataEncrypt(key, data, padding = "iso9797_2"), padding = "iso9797_2"))
                    val zeros = data.copyOf((len + n - 1) / n * n)
                    assertArrayEquals(jdkEcb(algorithm, material, zeros), dataEncrypt(key, data, "ecb", padding = "zeros"))
                    assertArrayEquals(zeros, dataDecrypt(key, dataEncrypt(key, data, "ecb", padding = "zeros"), "ecb", padding = "zeros"))
                }
            }
        }
    }

    @Test
    fun `SM4 data encryption round trips`() {
        Key(Keys.SM4, "sm4", "data").use { key ->
            for (mode in listOf("ecb", "cbc")) for (padding in listOf("iso9797_2", "zeros")) {
                val data = "6225 8801 2345 6789".toByteArray()
                val back = dataDecrypt(key, dataEncrypt(key, data, mode, padding = padding), mode, padding = padding)
                assertArrayEquals(if (padding == "zeros") data.copyOf(32) else data, back, "$mode $padding")
            }
        }
    }

    // ---- integrity ----------------------------------------------------------------------

    @TestFactory
    fun `every single-bit flip of data or MAC fails verification`(): List<DynamicTest> = listOf(
        Triple("iso9797_3", "tdes", "M3"), Triple("iso9797_1", "aes", "mac"), Triple("cmac", "aes", "M6"),
        Triple("cmac", "tdes", "M6"), Triple("cmac", "sm4", "M6"), Triple("hmac_sha256", "hmac", "M7"),
        Triple("unionpay_ecb_sm4", "sm4", "mac"),
    ).map { (algorithm, keyAlgorithm, usage) ->
        dynamicTest("$algorithm $keyAlgorithm") {
            val material = random.nextBytes(if (keyAlgorithm == "hmac") 32 else 16)
            Key(material, keyAlgorithm, usage).use { key ->
                val data = random.nextBytes(37)
                val mac = macGenerate(key, data, algorithm)
                macVerify(key, data, mac, algorithm)
                for (bit in 0 until data.size * 8) {
                    assertPosguard<PosguardException.MacMismatch>(20u) { macVerify(key, data.flipBit(bit), mac, algorithm) }
                }
                for (bit in 0 until mac.size * 8) {
                    assertPosguard<PosguardException.MacMismatch>(20u) { macVerify(key, data, mac.flipBit(bit), algorithm) }
                }
            }
        }
    }

    @Test
    fun `a shorter MAC is the leftmost bytes and verifies at its length`() {
        Key(Keys.TDES, "tdes", "M3").use { key ->
            val data = "0200 field 64 input".toByteArray()
            val full = macGenerate(key, data, "iso9797_3")
            assertEquals(8, full.size)
            for (len in 4..8) {
                val mac = macGenerate(key, data, "iso9797_3", length = len.toUInt())
                assertArrayEquals(full.copyOf(len), mac)
                macVerify(key, data, mac, "iso9797_3")
            }
        }
    }

    @Test
    fun `the UnionPay MAC is 8 hex characters and blind to swapped blocks`() {
        Key(Keys.TDES, "tdes", "mac").use { key ->
            val a = "0200702406".toByteArray().copyOf(8)
            val b = "C020C0001".toByteArray().copyOf(8)
            val mac = macGenerate(key, a + b, "unionpay_ecb")
            assertEquals(8, mac.size)
            assertTrue(String(mac, Charsets.US_ASCII).all { it in "0123456789ABCDEF" })
            // The documented weakness: the XOR fold does not see the order of the blocks.
            assertArrayEquals(mac, macGenerate(key, b + a, "unionpay_ecb"))
            assertEquals(16, macGenerate(key, a + b, "unionpay_ecb", length = 16u).size)
        }
    }

    @Test
    fun `generate-only and verify-only keys do only that`() {
        val data = "message".toByteArray()
        val mac = Key(Keys.AES, "aes", "M6").use { macGenerate(it, data, "cmac") }
        Key.withMode(Keys.AES, "aes", "M6", "G").use { key ->
            assertArrayEquals(mac, macGenerate(key, data, "cmac"))
            assertPosguard<PosguardException.KeyUsage>(3u) { macVerify(key, data, mac, "cmac") }
        }
        Key.withMode(Keys.AES, "aes", "M6", "V").use { key ->
            macVerify(key, data, mac, "cmac")
            assertPosguard<PosguardException.KeyUsage>(3u) { macGenerate(key, data, "cmac") }
        }
        Key.withMode(Keys.AES, "aes", "data", "E").use { key ->
            val ciphertext = dataEncrypt(key, ByteArray(16))
            assertPosguard<PosguardException.KeyUsage>(3u) { dataDecrypt(key, ciphertext) }
        }
    }
}
