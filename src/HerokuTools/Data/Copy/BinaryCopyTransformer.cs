using System.Buffers.Binary;
using HerokuTools.Data.Masking;

namespace HerokuTools.Data.Copy;

/// <summary>
/// Streams one table in PostgreSQL's binary COPY format from source to target, replacing the fields that have a
/// masker and passing every other field's bytes through untouched (no decoding). Memory is one buffer per side,
/// whatever the table's size (a buffer grows only for a single row bigger than it). Rows are framed and rewritten
/// synchronously from buffer to buffer; the only awaits are to refill the input or flush the output.
/// </summary>
public sealed class BinaryCopyTransformer(IReadOnlyList<IFieldMasker?> maskers)
{
    private const int BufferSize = 1 << 16;
    private const int HeaderSize = 11 + 4 + 4;

    private readonly ReadOnlyMemory<byte>[] _masked = new ReadOnlyMemory<byte>[maskers.Count];

    private byte[] _in = new byte[BufferSize];
    private int _inStart;
    private int _inEnd;
    private byte[] _out = new byte[BufferSize];
    private int _outLength;

    private long _rows;
    private long _rowsWritten;
    private long _bytes;

    /// <summary>Rows and source bytes seen so far (read by the progress display while the copy runs).</summary>
    public long Rows => Interlocked.Read(ref _rows);

    /// <summary>Tuples framed into the target's COPY stream (all of them are loaded once that COPY completes).</summary>
    public long RowsWritten => Interlocked.Read(ref _rowsWritten);

    public long Bytes => Interlocked.Read(ref _bytes);

    public async Task RunAsync(Stream source, Stream target, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);

        await FillAsync(source, HeaderSize, cancellation);
        var extension = BinaryPrimitives.ReadInt32BigEndian(_in.AsSpan(_inStart + 15, 4));
        await FillAsync(source, HeaderSize + extension, cancellation);
        EnsureOutput(HeaderSize + extension);
        _in.AsSpan(_inStart, HeaderSize + extension).CopyTo(_out.AsSpan(_outLength));
        _outLength += HeaderSize + extension;
        _inStart += HeaderSize + extension;

        while (true)
        {
            var step = TransformRows(out var needed);
            switch (step)
            {
                case Step.Done:
                    await FlushAsync(target, cancellation);
                    return;
                case Step.NeedInput:
                    await FillAsync(source, needed, cancellation);
                    break;
                default:
                    await FlushAsync(target, cancellation);
                    EnsureOutput(needed);
                    break;
            }
        }
    }

    private enum Step
    {
        Done,
        NeedInput,
        NeedOutput,
    }

    /// <summary>Rewrites every complete row in the input buffer that fits the output buffer; says what it needs next.</summary>
    private Step TransformRows(out int needed)
    {
        var count = maskers.Count;
        while (true)
        {
            var input = _in.AsSpan(_inStart, _inEnd - _inStart);
            if (input.Length < 2)
            {
                needed = 2;
                return Step.NeedInput;
            }

            var fields = BinaryPrimitives.ReadInt16BigEndian(input);
            if (fields == -1)
            {
                if (_out.Length - _outLength < 2)
                {
                    needed = 2;
                    return Step.NeedOutput;
                }

                BinaryPrimitives.WriteInt16BigEndian(_out.AsSpan(_outLength), -1);
                _outLength += 2;
                _inStart += 2;
                needed = 0;
                return Step.Done;
            }

            if (fields != count)
            {
                throw new InvalidDataException($"COPY row has {fields} fields, expected {count}");
            }

            // Frame the row: is all of it here? Masked fields are rewritten as they are found.
            var at = 2;
            var outSize = 2;
            for (var i = 0; i < count; i++)
            {
                if (input.Length - at < 4)
                {
                    needed = at + 4;
                    return Step.NeedInput;
                }

                var length = BinaryPrimitives.ReadInt32BigEndian(input[at..]);
                at += 4;
                outSize += 4;
                if (length < 0)
                {
                    continue;
                }

                if (input.Length - at < length)
                {
                    needed = at + length;
                    return Step.NeedInput;
                }

                at += length;
                outSize += length;
            }

            for (var i = 0; i < count; i++)
            {
                _masked[i] = default;
            }

            at = 2;
            for (var i = 0; i < count; i++)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(input[at..]);
                at += 4;
                if (length < 0)
                {
                    continue;
                }

                if (maskers[i] is { } masker)
                {
                    _masked[i] = masker.Mask(input.Slice(at, length));
                    outSize += _masked[i].Length - length;
                }

                at += length;
            }

            if (_out.Length - _outLength < outSize)
            {
                needed = outSize;
                return Step.NeedOutput;
            }

            var output = _out.AsSpan(_outLength);
            BinaryPrimitives.WriteInt16BigEndian(output, fields);
            var written = 2;
            at = 2;
            for (var i = 0; i < count; i++)
            {
                var length = BinaryPrimitives.ReadInt32BigEndian(input[at..]);
                at += 4;
                if (length < 0)
                {
                    BinaryPrimitives.WriteInt32BigEndian(output[written..], -1);
                    written += 4;
                    continue;
                }

                var value = maskers[i] is null ? input.Slice(at, length) : _masked[i].Span;
                BinaryPrimitives.WriteInt32BigEndian(output[written..], value.Length);
                written += 4;
                value.CopyTo(output[written..]);
                written += value.Length;
                at += length;
            }

            _outLength += written;
            _inStart += at;
            Interlocked.Increment(ref _rows);
            Interlocked.Increment(ref _rowsWritten);
        }
    }

    /// <summary>Makes at least <paramref name="length"/> unread bytes available at the start of the input.</summary>
    private async ValueTask FillAsync(Stream source, int length, CancellationToken cancellation)
    {
        if (_inEnd - _inStart >= length)
        {
            return;
        }

        var unread = _inEnd - _inStart;
        if (length > _in.Length)
        {
            var bigger = new byte[Math.Max(length, _in.Length * 2)];
            _in.AsSpan(_inStart, unread).CopyTo(bigger);
            _in = bigger;
        }
        else
        {
            _in.AsSpan(_inStart, unread).CopyTo(_in);
        }

        _inStart = 0;
        _inEnd = unread;
        while (_inEnd < length)
        {
            var read = await source.ReadAsync(_in.AsMemory(_inEnd), cancellation);
            if (read == 0)
            {
                throw new EndOfStreamException("the source's COPY stream ended in the middle of a row");
            }

            _inEnd += read;
            Interlocked.Add(ref _bytes, read);
        }
    }

    /// <summary>After a flush: room for one row bigger than the buffer.</summary>
    private void EnsureOutput(int length)
    {
        if (_out.Length - _outLength < length)
        {
            var bigger = new byte[Math.Max(_outLength + length, _out.Length * 2)];
            _out.AsSpan(0, _outLength).CopyTo(bigger);
            _out = bigger;
        }
    }

    private async ValueTask FlushAsync(Stream target, CancellationToken cancellation)
    {
        if (_outLength > 0)
        {
            await target.WriteAsync(_out.AsMemory(0, _outLength), cancellation);
            _outLength = 0;
        }
    }
}
