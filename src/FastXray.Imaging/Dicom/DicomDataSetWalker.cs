using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace FastXray.Imaging.Dicom;

/// <summary>
/// Walks a data set's elements without recursion (PS3.5 section 7): sequences and items of defined or undefined length
/// are entered and left on an explicit stack bounded by <see cref="MaxSequenceDepth"/>, so a hostile file nested
/// 10,000 deep fails at depth 65 in microseconds. Values are handed to the <see cref="DicomAttributeCollector"/> only
/// for top-level elements and for the first item of the two LUT sequences; everything else is skipped by its length,
/// so the walk is O(number of headers) and skipping a 10 MB pixel element is O(1).
/// </summary>
internal static class DicomDataSetWalker
{
    /// <summary>Deepest sequence nesting accepted; real files rarely go past 5.</summary>
    public const int MaxSequenceDepth = 64;

    private const uint Undefined = 0xFFFF_FFFF;

    private enum Kind : byte
    {
        DataSet,
        Sequence,
        Item,
    }

    [StructLayout(LayoutKind.Auto)]
    private struct Level
    {
        /// <summary>Where a defined-length container ends, or -1 when it is closed by a delimiter.</summary>
        public long End;

        /// <summary>Where this container must end at the latest: its own end, else the nearest defined end above it.</summary>
        public long Limit;
        public Kind Kind;
        public bool Implicit;
        public uint SequenceTag;
        public int Items;
    }

    /// <summary>Walks <paramref name="data"/> from <paramref name="start"/> to its end as one data set.</summary>
    public static void Walk(ReadOnlySpan<byte> data, int start, bool implicitVr, bool bigEndian, DicomAttributeCollector sink)
    {
        Span<Level> stack = stackalloc Level[(2 * MaxSequenceDepth) + 1];
        int depth = 0;
        int sequences = 0;
        stack[0] = new Level { End = data.Length, Limit = data.Length, Kind = Kind.DataSet, Implicit = implicitVr };
        long pos = start;
        while (true)
        {
            ref Level top = ref stack[depth];
            if (top.End >= 0 && pos >= top.End)
            {
                if (pos > top.End)
                {
                    ThrowHelper.ThrowFormat($"an element runs {pos - top.End} bytes past the end of its {Describe(top)}");
                }

                if (depth == 0)
                {
                    return;
                }

                if (top.Kind == Kind.Sequence)
                {
                    sequences--;
                }

                depth--;
                continue;
            }

            if (pos + 8 > top.Limit)
            {
                ThrowHelper.ThrowFormat(top.End < 0 && top.Limit == data.Length
                    ? $"truncated: undefined-length {Describe(top)} never closed"
                    : $"truncated: element header at byte {pos} runs past the end of the {(depth == 0 ? "data" : Describe(top))}");
            }

            int p = (int)pos;
            uint tag = ReadTag(data, p, bigEndian);
            if (top.Kind == Kind.Sequence)
            {
                uint itemLength = Read32(data, p + 4, bigEndian);
                pos += 8;
                if (tag == DicomTag.Item)
                {
                    if (depth + 1 >= stack.Length)
                    {
                        ThrowHelper.ThrowFormat($"sequences nested deeper than {MaxSequenceDepth}");
                    }

                    top.Items++;
                    long end = itemLength == Undefined ? -1 : CheckEnd(pos, itemLength, top.Limit, "item", 0);
                    stack[++depth] = new Level { End = end, Limit = end >= 0 ? end : top.Limit, Kind = Kind.Item, Implicit = top.Implicit, Items = top.Items };
                }
                else if (tag == DicomTag.SequenceDelimiter && top.End < 0)
                {
                    sequences--;
                    depth--;
                }
                else
                {
                    ThrowHelper.ThrowFormat($"expected an item in sequence {DicomTag.Name(top.SequenceTag)}, found {DicomTag.Name(tag)}");
                }

                continue;
            }

            if (tag >> 16 == 0xFFFE)
            {
                if (tag == DicomTag.ItemDelimiter && top.Kind == Kind.Item && top.End < 0)
                {
                    pos += 8;
                    depth--;
                    continue;
                }

                ThrowHelper.ThrowFormat($"unexpected {DicomTag.Name(tag)} (item or delimiter) at byte {pos} in the {Describe(top)}");
            }

            ushort vr = 0;
            uint length;
            int header;
            if (top.Implicit)
            {
                length = Read32(data, p + 4, bigEndian);
                header = 8;
            }
            else
            {
                vr = (ushort)((data[p + 4] << 8) | data[p + 5]);
                if (!DicomVr.IsValid(vr))
                {
                    ThrowHelper.ThrowFormat($"invalid VR {DicomVr.Name(vr)} for {DicomTag.Name(tag)} at byte {pos}");
                }

                if (DicomVr.HasLongLength(vr))
                {
                    if (pos + 12 > top.Limit)
                    {
                        ThrowHelper.ThrowFormat($"truncated: element header at byte {pos} runs past the end");
                    }

                    length = Read32(data, p + 8, bigEndian);
                    header = 12;
                }
                else
                {
                    length = bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(data[(p + 6)..]) : BinaryPrimitives.ReadUInt16LittleEndian(data[(p + 6)..]);
                    header = 8;
                }
            }

            pos += header;
            bool undefined = length == Undefined;
            if (tag == DicomTag.PixelData && undefined)
            {
                pos = WalkEncapsulated(data, pos, top.Limit, bigEndian, depth == 0 ? sink : null);
                continue;
            }

            bool isSequence = top.Implicit
                ? undefined || tag == DicomTag.ModalityLutSequence || tag == DicomTag.VoiLutSequence
                : vr == DicomVr.SQ || (vr == DicomVr.UN && undefined);
            if (isSequence)
            {
                if (sequences >= MaxSequenceDepth)
                {
                    ThrowHelper.ThrowFormat($"sequences nested deeper than {MaxSequenceDepth}");
                }

                long end = undefined ? -1 : CheckEnd(pos, length, top.Limit, "sequence", tag);

                // An undefined-length UN is a sequence encoded in Implicit VR Little Endian (PS3.5 6.2.2, note 4).
                bool implicitItems = top.Implicit || vr == DicomVr.UN;
                stack[++depth] = new Level { End = end, Limit = end >= 0 ? end : top.Limit, Kind = Kind.Sequence, Implicit = implicitItems, SequenceTag = tag };
                sequences++;
                continue;
            }

            if (undefined)
            {
                ThrowHelper.ThrowFormat($"undefined length for {DicomTag.Name(tag)} {DicomVr.Name(vr)}");
            }

            CheckEnd(pos, length, top.Limit, "element", tag);
            ReadOnlySpan<byte> value = data.Slice((int)pos, (int)length);
            if (depth == 0)
            {
                sink.TopLevel(tag, vr, value, (int)pos);
            }
            else if (depth == 2 && stack[1].Items == 1 && top.Items == 1 && sink.IsLutSequence(stack[1].SequenceTag))
            {
                sink.LutItem(stack[1].SequenceTag, tag, vr, value);
            }

            pos += length;
        }
    }

    /// <summary>
    /// Encapsulated pixel data (PS3.5 A.4): the basic offset table item, then one item per fragment, then the sequence
    /// delimiter. Records them when <paramref name="sink"/> is given (top level); elsewhere (an icon image) only skips.
    /// </summary>
    private static long WalkEncapsulated(ReadOnlySpan<byte> data, long pos, long limit, bool bigEndian, DicomAttributeCollector? sink)
    {
        long first = -1;
        bool offsetTable = true;
        while (true)
        {
            if (pos + 8 > limit)
            {
                ThrowHelper.ThrowFormat("truncated: encapsulated pixel data without a sequence delimiter");
            }

            int p = (int)pos;
            uint tag = ReadTag(data, p, bigEndian);
            uint length = Read32(data, p + 4, bigEndian);
            if (tag == DicomTag.SequenceDelimiter)
            {
                return pos + 8;
            }

            if (tag != DicomTag.Item)
            {
                ThrowHelper.ThrowFormat($"expected a pixel data fragment item, found {DicomTag.Name(tag)} at byte {pos}");
            }

            if (length == Undefined)
            {
                ThrowHelper.ThrowFormat("pixel data fragment with undefined length");
            }

            long value = pos + 8;
            CheckEnd(value, length, limit, "pixel data fragment", 0);
            if (offsetTable)
            {
                offsetTable = false;
                sink?.OffsetTable(data.Slice((int)value, (int)length), bigEndian);
            }
            else
            {
                if (first < 0)
                {
                    first = pos;
                }

                sink?.Fragment(new DicomFragment((int)value, (int)length, (uint)(pos - first)));
            }

            pos = value + length;
        }
    }

    /// <summary>The end of a value of <paramref name="length"/> bytes at <paramref name="pos"/>; the message is built only on failure (no per-element allocation).</summary>
    private static long CheckEnd(long pos, uint length, long limit, string what, uint tag)
    {
        if (length > limit - pos)
        {
            ThrowHelper.ThrowFormat($"length past end: {what}{(tag != 0 ? " " + DicomTag.Name(tag) : "")} at byte {pos} claims {length} bytes, {limit - pos} remain");
        }

        return pos + length;
    }

    private static string Describe(in Level level) => level.Kind switch
    {
        Kind.Sequence => $"sequence {DicomTag.Name(level.SequenceTag)}",
        Kind.Item => "item",
        _ => "data set",
    };

    private static uint ReadTag(ReadOnlySpan<byte> data, int p, bool bigEndian) => bigEndian
        ? ((uint)BinaryPrimitives.ReadUInt16BigEndian(data[p..]) << 16) | BinaryPrimitives.ReadUInt16BigEndian(data[(p + 2)..])
        : ((uint)BinaryPrimitives.ReadUInt16LittleEndian(data[p..]) << 16) | BinaryPrimitives.ReadUInt16LittleEndian(data[(p + 2)..]);

    private static uint Read32(ReadOnlySpan<byte> data, int p, bool bigEndian) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(data[p..]) : BinaryPrimitives.ReadUInt32LittleEndian(data[p..]);
}
