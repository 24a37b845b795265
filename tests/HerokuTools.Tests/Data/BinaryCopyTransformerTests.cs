using System.Buffers.Binary;
using System.Text;
using HerokuTools.Data.Copy;
using HerokuTools.Data.Masking;

namespace HerokuTools.Tests.Data;

/// <summary>The binary COPY framing: rows split across reads, rows bigger than the buffers, NULLs, masked fields.</summary>
public sealed class BinaryCopyTransformerTests
{
    // Signature, flags, and a 3-byte header extension (which must be passed through as it is).
    private static readonly byte[] Header = [.. "PGCOPY\n"u8.ToArray(), 0xFF, (byte)'\r', (byte)'\n', 0, 0, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3];

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task Rewrites_masked_fields_and_passes_the_rest_through_whatever_the_read_sizes(int chunk)
    {
        var big = new byte[200_000]; // bigger than both buffers
        big.AsSpan().Fill((byte)'b');
        var rows = Enumerable.Range(0, 5000).Select(i => new[] { Encoding.UTF8.GetBytes($"keep{i}"), i % 3 == 0 ? null : Encoding.UTF8.GetBytes($"secret{i}") })
            .Append([big, "x"u8.ToArray()]).ToList();
        var output = new MemoryStream();
        var transfer = new BinaryCopyTransformer([null, new Upper()]);

        await transfer.RunAsync(new TrickleStream(Copy(rows), chunk), output, TestContext.Current.CancellationToken);

        var expected = rows.Select(r => new[] { r[0], r[1] is null ? null : Upper.Apply(r[1]!) }).ToList();
        output.ToArray().ShouldBe(Copy(expected));
        transfer.Rows.ShouldBe(rows.Count);
        transfer.RowsWritten.ShouldBe(rows.Count);
        transfer.Bytes.ShouldBe(Copy(rows).Length);
    }

    [Fact]
    public async Task A_stream_that_ends_inside_a_row_fails()
    {
        var data = Copy([["abc"u8.ToArray()]]);
        var cut = new MemoryStream(data[..^5]);
        await Should.ThrowAsync<EndOfStreamException>(() =>
            new BinaryCopyTransformer([null]).RunAsync(cut, new MemoryStream(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_row_with_the_wrong_field_count_fails()
    {
        var data = Copy([["abc"u8.ToArray(), "d"u8.ToArray()]]);
        await Should.ThrowAsync<InvalidDataException>(() =>
            new BinaryCopyTransformer([null]).RunAsync(new MemoryStream(data), new MemoryStream(), TestContext.Current.CancellationToken));
    }

    private static byte[] Copy(IEnumerable<byte[]?[]> rows)
    {
        var stream = new MemoryStream();
        stream.Write(Header);
        Span<byte> number = stackalloc byte[4];
        foreach (var row in rows)
        {
            BinaryPrimitives.WriteInt16BigEndian(number, (short)row.Length);
            stream.Write(number[..2]);
            foreach (var field in row)
            {
                BinaryPrimitives.WriteInt32BigEndian(number, field?.Length ?? -1);
                stream.Write(number);
                stream.Write(field ?? []);
            }
        }

        BinaryPrimitives.WriteInt16BigEndian(number, -1);
        stream.Write(number[..2]);
        return stream.ToArray();
    }

    /// <summary>Upper-cases ASCII and appends "!" (so the length changes too).</summary>
    private sealed class Upper : IFieldMasker
    {
        private byte[] _buffer = [];

        public static byte[] Apply(byte[] value) => [.. value.Select(b => (byte)char.ToUpperInvariant((char)b)), (byte)'!'];

        public ReadOnlyMemory<byte> Mask(ReadOnlySpan<byte> value)
        {
            _buffer = Apply(value.ToArray());
            return _buffer;
        }
    }

    /// <summary>Returns at most <paramref name="chunk"/> bytes per read, as a slow network would.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), data.Length - _position);
            data.AsSpan(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
