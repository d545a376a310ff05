using System.Buffers.Binary;

namespace FastXray.Imaging.Png;

/// <summary>The result of one pass over a PNG's chunks: header, palette, transparency and where the image data is.</summary>
/// <remarks>
/// Chunk rules enforced (PNG spec §5.6): IHDR first and once; PLTE at most once, before IDAT, forbidden for
/// gray types and required for palette images; tRNS at most once, before IDAT (after PLTE), with the length
/// its colour type demands and forbidden for types with alpha; IDAT chunks consecutive; IEND present.
/// Unknown critical chunks are errors; other ancillary chunks are skipped after their CRC is checked.
/// </remarks>
internal sealed class PngLayout
{
    private PngLayout(PngHeader header)
    {
        Header = header;
    }

    public PngHeader Header { get; }

    /// <summary>Palette entries as R, G, B, A (A = 255 unless tRNS says otherwise), 256 entries; null unless a palette image.</summary>
    public byte[]? Palette { get; private set; }

    /// <summary>Number of PLTE entries (indices at or above are errors).</summary>
    public int PaletteCount { get; private set; }

    /// <summary>True when a tRNS chunk was present.</summary>
    public bool HasTransparency { get; private set; }

    /// <summary>Transparent gray level or R, G, B (as stored, before any scaling) for gray and RGB images.</summary>
    public ushort TransparentGray { get; private set; }

    /// <inheritdoc cref="TransparentGray"/>
    public ushort TransparentR { get; private set; }

    /// <inheritdoc cref="TransparentGray"/>
    public ushort TransparentG { get; private set; }

    /// <inheritdoc cref="TransparentGray"/>
    public ushort TransparentB { get; private set; }

    /// <summary>The sBIT chunk's significant bits of the grey or colour samples (the largest of R, G, B), or 0 without one.</summary>
    public int SignificantBits { get; private set; }

    /// <summary>Offset of the first IDAT chunk (its length field).</summary>
    public int FirstIdatOffset { get; private set; } = -1;

    /// <summary>Total IDAT payload bytes (the zlib stream).</summary>
    public long IdatBytes { get; private set; }

    /// <summary>The last 4 bytes of the zlib stream: its Adler-32, big-endian.</summary>
    public uint IdatTail { get; private set; }

    public PngInfo ToInfo() =>
        new(Header.Width, Header.Height, Header.BitDepth, Header.ColorType, Header.Interlaced, HasTransparency, SignificantBits);

    /// <summary>Scans <paramref name="data"/>; with <paramref name="headersOnly"/> it stops at the first IDAT.</summary>
    public static PngLayout Scan(ReadOnlySpan<byte> data, bool headersOnly)
    {
        PngSignature.Check(data);
        var reader = new PngChunkReader(data);
        if (!reader.TryRead(out PngChunk first))
        {
            ThrowHelper.ThrowFormat("file is truncated after the signature");
        }

        if (first.Type != PngChunkReader.IHDR)
        {
            ThrowHelper.ThrowFormat($"first chunk is '{first.Name}', expected 'IHDR'");
        }

        var layout = new PngLayout(PngHeader.Parse(first.Data));
        bool seenPlte = false;
        bool idatEnded = false;
        while (true)
        {
            if (headersOnly && reader.TryPeekType(out uint next) && next == PngChunkReader.IDAT)
            {
                // ReadInfo stops here: the image data is neither needed nor, for a file prefix, present.
                layout.CheckReadyForImageData(seenPlte);
                layout.FirstIdatOffset = reader.Offset;
                return layout;
            }

            if (!reader.TryRead(out PngChunk chunk))
            {
                break;
            }

            bool isIdat = chunk.Type == PngChunkReader.IDAT;
            idatEnded |= layout.FirstIdatOffset >= 0 && !isIdat;
            switch (chunk.Type)
            {
                case PngChunkReader.IDAT:
                    if (layout.FirstIdatOffset < 0)
                    {
                        layout.CheckReadyForImageData(seenPlte);
                        layout.FirstIdatOffset = chunk.DataOffset - 8;
                    }
                    else if (idatEnded)
                    {
                        ThrowHelper.ThrowFormat($"IDAT chunks are not consecutive (another IDAT at offset {chunk.DataOffset - 8})");
                    }

                    layout.AddIdat(chunk.Data);
                    break;
                case PngChunkReader.IEND:
                    if (layout.FirstIdatOffset < 0)
                    {
                        ThrowHelper.ThrowFormat("no IDAT chunk before IEND");
                    }

                    if (chunk.Data.Length != 0)
                    {
                        ThrowHelper.ThrowFormat($"IEND chunk has length {chunk.Data.Length}, expected 0");
                    }

                    return layout;
                case PngChunkReader.IHDR:
                    ThrowHelper.ThrowFormat("more than one IHDR chunk");
                    break;
                case PngChunkReader.PLTE:
                    if (seenPlte)
                    {
                        ThrowHelper.ThrowFormat("more than one PLTE chunk");
                    }

                    if (layout.FirstIdatOffset >= 0 || layout.HasTransparency)
                    {
                        ThrowHelper.ThrowFormat("PLTE chunk after IDAT or tRNS");
                    }

                    seenPlte = true;
                    layout.ReadPalette(chunk.Data);
                    break;
                case PngChunkReader.TRNS:
                    if (layout.FirstIdatOffset >= 0)
                    {
                        ThrowHelper.ThrowFormat("tRNS chunk after IDAT");
                    }

                    layout.ReadTransparency(chunk.Data, seenPlte);
                    break;
                case PngChunkReader.SBIT:
                    if (layout.FirstIdatOffset < 0)
                    {
                        layout.ReadSignificantBits(chunk.Data);
                    }

                    break;
                default:
                    if (chunk.IsCritical)
                    {
                        ThrowHelper.ThrowFormat($"unknown critical chunk '{chunk.Name}'");
                    }

                    break;
            }
        }

        return ThrowHelper.ThrowFormat<PngLayout>(layout.FirstIdatOffset < 0
            ? "file is truncated: no IDAT chunk"
            : "file is truncated: no IEND chunk after the image data");
    }

    private void CheckReadyForImageData(bool seenPlte)
    {
        if (Header.ColorType == PngColorType.Palette && !seenPlte)
        {
            ThrowHelper.ThrowFormat("palette image has no PLTE chunk before IDAT");
        }
    }

    private void AddIdat(ReadOnlySpan<byte> data)
    {
        IdatBytes += data.Length;
        ReadOnlySpan<byte> tail = data.Length > 4 ? data[^4..] : data;
        foreach (byte b in tail)
        {
            IdatTail = (IdatTail << 8) | b;
        }
    }

    private void ReadPalette(ReadOnlySpan<byte> data)
    {
        PngColorType type = Header.ColorType;
        if (type is PngColorType.Gray or PngColorType.GrayAlpha)
        {
            ThrowHelper.ThrowFormat("PLTE chunk is not allowed in a gray image");
        }

        if (data.Length == 0 || data.Length % 3 != 0 || data.Length > 3 * 256)
        {
            ThrowHelper.ThrowFormat($"PLTE chunk has length {data.Length}, expected a multiple of 3 from 3 to 768");
        }

        if (type != PngColorType.Palette)
        {
            return; // a suggested palette for a true-colour image: not needed to decode
        }

        var palette = new byte[256 * 4];
        int count = data.Length / 3;
        for (int i = 0; i < count; i++)
        {
            palette[(4 * i) + 0] = data[(3 * i) + 0];
            palette[(4 * i) + 1] = data[(3 * i) + 1];
            palette[(4 * i) + 2] = data[(3 * i) + 2];
            palette[(4 * i) + 3] = 255;
        }

        Palette = palette;
        PaletteCount = count;
    }

    private void ReadTransparency(ReadOnlySpan<byte> data, bool seenPlte)
    {
        if (HasTransparency)
        {
            ThrowHelper.ThrowFormat("more than one tRNS chunk");
        }

        switch (Header.ColorType)
        {
            case PngColorType.Gray:
                if (data.Length != 2)
                {
                    ThrowHelper.ThrowFormat($"tRNS chunk has length {data.Length}, expected 2 for a gray image");
                }

                TransparentGray = BinaryPrimitives.ReadUInt16BigEndian(data);
                break;
            case PngColorType.Rgb:
                if (data.Length != 6)
                {
                    ThrowHelper.ThrowFormat($"tRNS chunk has length {data.Length}, expected 6 for an RGB image");
                }

                TransparentR = BinaryPrimitives.ReadUInt16BigEndian(data);
                TransparentG = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
                TransparentB = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
                break;
            case PngColorType.Palette:
                if (!seenPlte)
                {
                    ThrowHelper.ThrowFormat("tRNS chunk before PLTE");
                }

                if (data.Length > PaletteCount)
                {
                    ThrowHelper.ThrowFormat($"tRNS chunk has {data.Length} entries, more than the {PaletteCount} palette entries");
                }

                for (int i = 0; i < data.Length; i++)
                {
                    Palette![(4 * i) + 3] = data[i];
                }

                break;
            default:
                ThrowHelper.ThrowFormat("tRNS chunk is not allowed in an image with an alpha channel");
                break;
        }

        HasTransparency = true;
    }

    /// <summary>
    /// sBIT (PNG §11.3.3.4): the original precision of the samples. It is ancillary, so a malformed one is ignored as
    /// libpng does (a warning there), never an error: it changes no pixel, only how thresholds are scaled.
    /// </summary>
    private void ReadSignificantBits(ReadOnlySpan<byte> data)
    {
        int colours = Header.ColorType switch
        {
            PngColorType.Gray => 1,
            PngColorType.GrayAlpha => 1,
            _ => 3,
        };
        int expected = Header.ColorType switch
        {
            PngColorType.GrayAlpha => 2,
            PngColorType.Rgba => 4,
            _ => colours,
        };
        int depth = Header.ColorType == PngColorType.Palette ? 8 : Header.BitDepth;
        if (data.Length != expected || SignificantBits != 0)
        {
            return;
        }

        int bits = 0;
        foreach (byte b in data)
        {
            if (b == 0 || b > depth)
            {
                return;
            }
        }

        for (int i = 0; i < colours; i++)
        {
            bits = Math.Max(bits, data[i]);
        }

        SignificantBits = bits;
    }
}
