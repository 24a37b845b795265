using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;

namespace HerokuTools.Data.Masking;

/// <summary>
/// HMAC-SHA256 (RFC 2104) with the key's inner and outer pads hashed once, up front: each value then costs two or
/// three SHA-256 block compressions in managed code, with no native call and no allocation. The fakes hash every
/// masked field, so this is the copy's hottest loop; the output equals <see cref="HMACSHA256"/>'s (tested).
/// Immutable after construction, so one instance serves every thread.
/// </summary>
public sealed class KeyedSha256
{
    private const int BlockSize = 64;

    private static readonly uint[] K =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    private static readonly uint[] Initial = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

    private readonly uint[] _inner = new uint[8];
    private readonly uint[] _outer = new uint[8];

    public KeyedSha256(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            SHA256.HashData(key, block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> pad = stackalloc byte[BlockSize];
        Initial.CopyTo(_inner, 0);
        Initial.CopyTo(_outer, 0);
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x36);
        }

        Compress(_inner, pad);
        for (var i = 0; i < BlockSize; i++)
        {
            pad[i] = (byte)(block[i] ^ 0x5c);
        }

        Compress(_outer, pad);
        CryptographicOperations.ZeroMemory(block);
        CryptographicOperations.ZeroMemory(pad);
    }

    /// <summary>HMAC-SHA256(key, <paramref name="data"/>) into <paramref name="digest"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<uint> state = stackalloc uint[8];
        _inner.CopyTo(state);
        Finish(state, data, BlockSize + (long)data.Length);
        Span<byte> inner = stackalloc byte[32];
        Write(state, inner);
        _outer.CopyTo(state);
        Finish(state, inner, BlockSize + 32L);
        Write(state, digest);
    }

    /// <summary>Hashes the remaining <paramref name="data"/> and the padding for a message of <paramref name="totalLength"/> bytes.</summary>
    private static void Finish(Span<uint> state, ReadOnlySpan<byte> data, long totalLength)
    {
        while (data.Length >= BlockSize)
        {
            Compress(state, data[..BlockSize]);
            data = data[BlockSize..];
        }

        Span<byte> last = stackalloc byte[BlockSize * 2];
        last.Clear();
        data.CopyTo(last);
        last[data.Length] = 0x80;
        var blocks = data.Length + 1 + 8 <= BlockSize ? 1 : 2;
        BinaryPrimitives.WriteInt64BigEndian(last[((blocks * BlockSize) - 8)..], totalLength * 8);
        Compress(state, last[..BlockSize]);
        if (blocks == 2)
        {
            Compress(state, last[BlockSize..]);
        }
    }

    private static void Write(ReadOnlySpan<uint> state, Span<byte> digest)
    {
        for (var i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(digest[(i * 4)..], state[i]);
        }
    }

    private static void Compress(Span<uint> state, ReadOnlySpan<byte> block)
    {
        Span<uint> w = stackalloc uint[64];
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block[(i * 4)..]);
        }

        for (var i = 16; i < 64; i++)
        {
            var s0 = BitOperations.RotateRight(w[i - 15], 7) ^ BitOperations.RotateRight(w[i - 15], 18) ^ (w[i - 15] >> 3);
            var s1 = BitOperations.RotateRight(w[i - 2], 17) ^ BitOperations.RotateRight(w[i - 2], 19) ^ (w[i - 2] >> 10);
            w[i] = w[i - 16] + s0 + w[i - 7] + s1;
        }

        uint a = state[0], b = state[1], c = state[2], d = state[3], e = state[4], f = state[5], g = state[6], h = state[7];
        var k = K;
        for (var i = 0; i < 64; i++)
        {
            var s1 = BitOperations.RotateRight(e, 6) ^ BitOperations.RotateRight(e, 11) ^ BitOperations.RotateRight(e, 25);
            var ch = (e & f) ^ (~e & g);
            var t1 = h + s1 + ch + k[i] + w[i];
            var s0 = BitOperations.RotateRight(a, 2) ^ BitOperations.RotateRight(a, 13) ^ BitOperations.RotateRight(a, 22);
            var maj = (a & b) ^ (a & c) ^ (b & c);
            var t2 = s0 + maj;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }
}
