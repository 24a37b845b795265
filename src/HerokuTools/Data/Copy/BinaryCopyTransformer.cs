using System.Buffers.Binary;
using HerokuTools.Data.Masking;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Streams one table in PostgreSQL's binary COPY format from source to target, replacing the fields that have a
/// masker and passing every other field's bytes through untouched (no decoding). Memory is one buffer per side,
/// whatever the table's size.
/// </summary>
public sealed class BinaryCopyTransformer(IReadOnlyList<IFieldMasker?> maskers)
{
    private const int BufferSize = 1 << 16;
    private const int HeaderSize = 11 + 4 + 4;

    /// <summary>Rows and source bytes seen so far (read by the progress display while the copy runs).</summary>
    public long Rows => Interlocked.Read(ref _rows);

    public long Bytes => Interlocked.Read(ref _bytes);

    private long _rows;
    private long _bytes;

    public async Task RunAsync(Stream source, Stream target, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        var input = new Reader(source, this);
        var output = new Writer(target);

        await input.EnsureAsync(HeaderSize, cancellation);
        var extension = BinaryPrimitives.ReadInt32BigEndian(input.Span(15, 4));
        await input.EnsureAsync(HeaderSize + extension, cancellation);
        await output.WriteAsync(input.Take(HeaderSize + extension), cancellation);

        while (true)
        {
            await input.EnsureAsync(2, cancellation);
            var fields = BinaryPrimitives.ReadInt16BigEndian(input.Take(2).Span);
            await output.WriteInt16Async(fields, cancellation);
            if (fields == -1)
            {
                break;
            }

            if (fields != maskers.Count)
            {
                throw new InvalidDataException($"COPY row has {fields} fields, expected {maskers.Count}");
            }

            for (var i = 0; i < fields; i++)
            {
                await input.EnsureAsync(4, cancellation);
                var length = BinaryPrimitives.ReadInt32BigEndian(input.Take(4).Span);
                if (length < 0)
                {
                    await output.WriteInt32Async(-1, cancellation);
                    continue;
                }

                await input.EnsureAsync(length, cancellation);
                var value = input.Take(length);
                if (maskers[i] is { } masker)
                {
                    var masked = masker.Mask(value.Span);
                    await output.WriteInt32Async(masked.Length, cancellation);
                    await output.WriteAsync(masked, cancellation);
                }
                else
                {
                    await output.WriteInt32Async(length, cancellation);
                    await output.WriteAsync(value, cancellation);
                }
            }

            Interlocked.Increment(ref _rows);
        }

        await output.FlushAsync(cancellation);
    }

    private sealed class Reader(Stream stream, BinaryCopyTransformer owner)
    {
        private byte[] _buffer = new byte[BufferSize];
        private int _position;
        private int _end;

        public ReadOnlySpan<byte> Span(int offset, int length) => _buffer.AsSpan(_position + offset, length);

        /// <summary>The next <paramref name="length"/> bytes (valid until the next EnsureAsync).</summary>
        public ReadOnlyMemory<byte> Take(int length)
        {
            var memory = _buffer.AsMemory(_position, length);
            _position += length;
            return memory;
        }

        public async ValueTask EnsureAsync(int length, CancellationToken cancellation)
        {
            if (_end - _position >= length)
            {
                return;
            }

            if (length > _buffer.Length)
            {
                var bigger = new byte[Math.Max(length, _buffer.Length * 2)];
                _buffer.AsSpan(_position, _end - _position).CopyTo(bigger);
                _buffer = bigger;
            }
            else
            {
                _buffer.AsSpan(_position, _end - _position).CopyTo(_buffer);
            }

            _end -= _position;
            _position = 0;
            while (_end < length)
            {
                var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellation);
                if (read == 0)
                {
                    throw new EndOfStreamException("the source's COPY stream ended in the middle of a row");
                }

                _end += read;
                Interlocked.Add(ref owner._bytes, read);
            }
        }
    }

    private sealed class Writer(Stream stream)
    {
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _length;

        public ValueTask WriteInt16Async(short value, CancellationToken cancellation)
        {
            Span<byte> bytes = stackalloc byte[2];
            BinaryPrimitives.WriteInt16BigEndian(bytes, value);
            return WriteSmallAsync(bytes[0], bytes[1], null, null, cancellation);
        }

        public ValueTask WriteInt32Async(int value, CancellationToken cancellation)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteInt32BigEndian(bytes, value);
            return WriteSmallAsync(bytes[0], bytes[1], bytes[2], bytes[3], cancellation);
        }

        private async ValueTask WriteSmallAsync(byte a, byte b, byte? c, byte? d, CancellationToken cancellation)
        {
            if (_length + 4 > _buffer.Length)
            {
                await FlushAsync(cancellation);
            }

            _buffer[_length++] = a;
            _buffer[_length++] = b;
            if (c is { } cv && d is { } dv)
            {
                _buffer[_length++] = cv;
                _buffer[_length++] = dv;
            }
        }

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellation)
        {
            if (_length + data.Length > _buffer.Length)
            {
                await FlushAsync(cancellation);
                if (data.Length > _buffer.Length)
                {
                    await stream.WriteAsync(data, cancellation);
                    return;
                }
            }

            data.Span.CopyTo(_buffer.AsSpan(_length));
            _length += data.Length;
        }

        public async ValueTask FlushAsync(CancellationToken cancellation)
        {
            if (_length > 0)
            {
                await stream.WriteAsync(_buffer.AsMemory(0, _length), cancellation);
                _length = 0;
            }
        }
    }
}
