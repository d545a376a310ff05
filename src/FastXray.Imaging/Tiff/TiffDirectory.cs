using System.Buffers.Binary;

namespace FastXray.Imaging.Tiff;

/// <summary>The first image file directory (page 0) of a classic TIFF, checked for everything the reader supports.</summary>
/// <remarks>
/// <para>Only IFD 0 is read and the next-IFD pointer is never followed, so a directory chain that loops
/// cannot make the reader loop. The entry count is bounded by the file: all <c>12·n</c> entry bytes must
/// lie inside it. Entries whose values lie outside the file are refused when the reader needs them and
/// ignored otherwise; the first of duplicated tags wins (as libtiff).</para>
/// <para>Supported: BitsPerSample 1 (bilevel, one sample), 8 and 16, unsigned; MinIsWhite, MinIsBlack
/// (with extra samples, taken as alpha and dropped) and RGB (three or more samples); contiguous samples
/// (separate planes only for one sample, where they are the same); compression none, LZW, Deflate (8 and
/// 32946) and PackBits; predictor 1 and 2; strips and tiles. Anything else is one line naming it.</para>
/// </remarks>
internal sealed class TiffDirectory
{
    /// <summary>Tile widths are capped so a row of scratch stays small whatever the tags say: wider than the image rounded up to 16, or 1024 if larger, is refused.</summary>
    public const int MinTileWidthCap = 1024;

    /// <summary>Samples per pixel beyond this are refused (RGB plus a few extra samples is the most a radiograph carries).</summary>
    public const int MaxSamplesPerPixel = 8;

    private TiffDirectory()
    {
    }

    public bool BigEndian { get; private init; }

    public int Width { get; private init; }

    public int Height { get; private init; }

    public int BitsPerSample { get; private init; }

    public int SamplesPerPixel { get; private init; }

    public TiffCompressionCode Compression { get; private init; }

    public bool MinIsWhite { get; private init; }

    public bool Rgb { get; private init; }

    public bool Predictor { get; private init; }

    public bool Tiled { get; private init; }

    /// <summary>Columns per strip (the image width) or tile.</summary>
    public int ChunkWidth { get; private init; }

    /// <summary>Rows per strip (at most the image height) or tile.</summary>
    public int ChunkLength { get; private init; }

    public int ChunksAcross { get; private init; }

    public int ChunksDown { get; private init; }

    public TiffEntry Offsets { get; private init; }

    public TiffEntry ByteCounts { get; private init; }

    /// <summary>Bytes of one decompressed row of a strip or tile.</summary>
    public long ChunkRowBytes => (((long)ChunkWidth * SamplesPerPixel * BitsPerSample) + 7) / 8;

    public int ChunkCount => ChunksAcross * ChunksDown;

    /// <summary>grey, grey+alpha, rgb or rgba.</summary>
    public string Colour => Rgb ? (SamplesPerPixel > 3 ? "rgba" : "rgb") : (SamplesPerPixel > 1 ? "grey+alpha" : "grey");

    /// <summary>"LZW, predictor 2, tiled" and the like.</summary>
    public string Detail
    {
        get
        {
            string compression = Compression switch
            {
                TiffCompressionCode.None => "uncompressed",
                TiffCompressionCode.Lzw => "LZW",
                TiffCompressionCode.PackBits => "PackBits",
                _ => "Deflate",
            };
            return $"{compression}{(Predictor ? ", predictor 2" : "")}, {(Tiled ? "tiled" : "strips")}";
        }
    }

    /// <summary>Parses and checks the header and IFD 0; throws <see cref="ImageFormatException"/> naming what is malformed or unsupported.</summary>
    public static TiffDirectory Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8)
        {
            ThrowHelper.ThrowFormat($"truncated TIFF header ({file.Length} bytes)");
        }

        bool big;
        if (file[0] == (byte)'I' && file[1] == (byte)'I')
        {
            big = false;
        }
        else if (file[0] == (byte)'M' && file[1] == (byte)'M')
        {
            big = true;
        }
        else
        {
            return ThrowHelper.ThrowFormat<TiffDirectory>("not a TIFF file (no II or MM byte-order mark)");
        }

        ushort magic = big ? BinaryPrimitives.ReadUInt16BigEndian(file[2..]) : BinaryPrimitives.ReadUInt16LittleEndian(file[2..]);
        if (magic == 43)
        {
            ThrowHelper.ThrowFormat("unsupported TIFF: BigTIFF (64-bit offsets)");
        }

        if (magic != 42)
        {
            ThrowHelper.ThrowFormat($"not a TIFF file (version {magic}, expected 42)");
        }

        uint ifd = big ? BinaryPrimitives.ReadUInt32BigEndian(file[4..]) : BinaryPrimitives.ReadUInt32LittleEndian(file[4..]);
        if (ifd < 8 || ifd > file.Length - 2L)
        {
            ThrowHelper.ThrowFormat($"TIFF directory offset {ifd} is outside the {file.Length}-byte file");
        }

        int count = big ? BinaryPrimitives.ReadUInt16BigEndian(file[(int)ifd..]) : BinaryPrimitives.ReadUInt16LittleEndian(file[(int)ifd..]);
        if (count == 0 || ifd + 2L + (12L * count) > file.Length)
        {
            ThrowHelper.ThrowFormat($"TIFF directory of {count} entries at offset {ifd} does not fit in the {file.Length}-byte file");
        }

        var tags = new TagSet(file, big, (int)ifd + 2, count);
        return Build(file, big, tags);
    }

    private static TiffDirectory Build(ReadOnlySpan<byte> file, bool big, TagSet tags)
    {
        long width = tags.Scalar(file, TiffTag.ImageWidth, -1);
        long height = tags.Scalar(file, TiffTag.ImageLength, -1);
        if (width < 0 || height < 0)
        {
            ThrowHelper.ThrowFormat("TIFF directory has no ImageWidth or ImageLength");
        }

        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            ThrowHelper.ThrowFormat($"TIFF image size {width}x{height} is empty or too large");
        }

        long spp = tags.Scalar(file, TiffTag.SamplesPerPixel, 1);
        if (spp < 1 || spp > MaxSamplesPerPixel)
        {
            ThrowHelper.ThrowFormat($"unsupported TIFF: {spp} samples per pixel");
        }

        int bits = (int)tags.SameForAllSamples(file, TiffTag.BitsPerSample, 1, (int)spp, "BitsPerSample");
        long sampleFormat = tags.SameForAllSamples(file, TiffTag.SampleFormat, 1, (int)spp, "SampleFormat");
        if (sampleFormat != 1)
        {
            string kind = sampleFormat switch { 2 => "signed integer", 3 => "floating-point", 4 => "undefined", 5 => "complex integer", 6 => "complex floating-point", _ => "unknown" };
            ThrowHelper.ThrowFormat($"unsupported TIFF: SampleFormat {kind} ({sampleFormat})");
        }

        if (bits is not (1 or 8 or 16))
        {
            ThrowHelper.ThrowFormat($"unsupported TIFF: {bits} bits per sample");
        }

        long photometric = tags.Scalar(file, TiffTag.Photometric, spp >= 3 ? 2 : 1);
        bool rgb = photometric == 2;
        if (photometric is not (0 or 1 or 2))
        {
            string name = photometric switch { 3 => "palette", 4 => "transparency mask", 5 => "separated (CMYK)", 6 => "YCbCr", 8 => "CIE L*a*b*", 9 => "ICC L*a*b*", 10 => "ITU L*a*b*", 32844 or 32845 => "LogL/LogLuv", 32803 => "CFA (raw)", 34892 => "linear raw", _ => "unknown" };
            ThrowHelper.ThrowFormat($"unsupported TIFF: PhotometricInterpretation {name} ({photometric})");
        }

        if (rgb && spp < 3)
        {
            ThrowHelper.ThrowFormat($"TIFF says RGB with {spp} samples per pixel");
        }

        if (bits == 1 && spp != 1)
        {
            ThrowHelper.ThrowFormat($"unsupported TIFF: 1-bit samples with {spp} samples per pixel");
        }

        long planar = tags.Scalar(file, TiffTag.PlanarConfiguration, 1);
        if (planar != 1 && !(planar == 2 && spp == 1))
        {
            ThrowHelper.ThrowFormat(planar == 2 ? "unsupported TIFF: separate colour planes (PlanarConfiguration 2)" : $"TIFF PlanarConfiguration {planar} is invalid");
        }

        long fillOrder = tags.Scalar(file, TiffTag.FillOrder, 1);
        if (fillOrder != 1)
        {
            ThrowHelper.ThrowFormat($"unsupported TIFF: FillOrder {fillOrder} (bit-reversed bytes)");
        }

        TiffCompressionCode compression = ToCompression(tags.Scalar(file, TiffTag.Compression, 1));
        long predictor = tags.Scalar(file, TiffTag.Predictor, 1);
        if (predictor is not (1 or 2))
        {
            ThrowHelper.ThrowFormat(predictor == 3 ? "unsupported TIFF: floating-point predictor (3)" : $"unsupported TIFF: predictor {predictor}");
        }

        if (predictor == 2 && bits == 1)
        {
            ThrowHelper.ThrowFormat("unsupported TIFF: horizontal predictor with 1-bit samples");
        }

        bool tiled = tags.Find(TiffTag.TileWidth) is not null || tags.Find(TiffTag.TileOffsets) is not null;
        long chunkWidth, chunkLength;
        TiffEntry offsets, counts;
        if (tiled)
        {
            chunkWidth = tags.Scalar(file, TiffTag.TileWidth, -1);
            chunkLength = tags.Scalar(file, TiffTag.TileLength, -1);
            long cap = Math.Max((width + 15) & ~15L, MinTileWidthCap);
            if (chunkWidth <= 0 || chunkLength <= 0 || chunkWidth > cap || chunkLength > Math.Max((height + 15) & ~15L, MinTileWidthCap))
            {
                ThrowHelper.ThrowFormat($"TIFF tile size {chunkWidth}x{chunkLength} is missing or out of range for a {width}x{height} image");
            }

            if (chunkWidth % 16 != 0 || chunkLength % 16 != 0)
            {
                // TIFF 6.0 requires it; it also bounds the tile count (and the per-tile codec cost) by pixels/256.
                ThrowHelper.ThrowFormat($"TIFF tile size {chunkWidth}x{chunkLength} is not a multiple of 16");
            }

            offsets = tags.Array(TiffTag.TileOffsets, "TileOffsets");
            counts = tags.Array(TiffTag.TileByteCounts, "TileByteCounts");
        }
        else
        {
            chunkWidth = width;
            chunkLength = Math.Min(tags.Scalar(file, TiffTag.RowsPerStrip, uint.MaxValue), height);
            if (chunkLength <= 0)
            {
                ThrowHelper.ThrowFormat("TIFF RowsPerStrip is 0");
            }

            offsets = tags.Array(TiffTag.StripOffsets, "StripOffsets");
            counts = tags.Array(TiffTag.StripByteCounts, "StripByteCounts");
        }

        long across = (width + chunkWidth - 1) / chunkWidth;
        long down = (height + chunkLength - 1) / chunkLength;
        long chunks = across * down;
        if (offsets.Count < chunks || counts.Count < chunks)
        {
            ThrowHelper.ThrowFormat($"TIFF has {offsets.Count} offsets and {counts.Count} byte counts for {chunks} {(tiled ? "tiles" : "strips")}");
        }

        return new TiffDirectory
        {
            BigEndian = big,
            Width = (int)width,
            Height = (int)height,
            BitsPerSample = bits,
            SamplesPerPixel = (int)spp,
            Compression = compression,
            MinIsWhite = photometric == 0,
            Rgb = rgb,
            Predictor = predictor == 2,
            Tiled = tiled,
            ChunkWidth = (int)chunkWidth,
            ChunkLength = (int)chunkLength,
            ChunksAcross = (int)across,
            ChunksDown = (int)down,
            Offsets = offsets,
            ByteCounts = counts,
        };
    }

    private static TiffCompressionCode ToCompression(long code)
    {
        switch (code)
        {
            case 1:
                return TiffCompressionCode.None;
            case 5:
                return TiffCompressionCode.Lzw;
            case 8:
            case 32946:
                return TiffCompressionCode.Deflate;
            case 32773:
                return TiffCompressionCode.PackBits;
        }

        string name = code switch
        {
            2 => "CCITT modified Huffman RLE",
            3 => "CCITT Group 3 fax",
            4 => "CCITT Group 4 fax",
            6 => "old-style JPEG",
            7 => "JPEG",
            9 or 10 => "JBIG",
            32809 => "ThunderScan",
            34661 => "JBIG",
            34676 or 34677 => "SGI Log",
            34712 => "JPEG 2000",
            34887 => "LERC",
            34925 => "LZMA",
            50000 => "Zstandard",
            50001 => "WebP",
            50002 => "JPEG XL",
            _ => "unknown",
        };
        return ThrowHelper.ThrowFormat<TiffCompressionCode>($"unsupported TIFF: compression {name} ({code})");
    }

    /// <summary>The entries of IFD 0 with their value locations resolved.</summary>
    private readonly ref struct TagSet
    {
        private readonly ReadOnlySpan<byte> _file;
        private readonly bool _big;
        private readonly int _first;
        private readonly int _count;

        public TagSet(ReadOnlySpan<byte> file, bool big, int first, int count)
        {
            _file = file;
            _big = big;
            _first = first;
            _count = count;
        }

        /// <summary>The first entry with <paramref name="tag"/>, or null; its values are not yet known to be inside the file.</summary>
        public TiffEntry? Find(ushort tag)
        {
            for (int i = 0; i < _count; i++)
            {
                int at = _first + (12 * i);
                ushort t = U16(at);
                if (t != tag)
                {
                    continue;
                }

                ushort type = U16(at + 2);
                uint n = U32(at + 4);
                long size = (long)TiffTag.TypeSize(type) * n;
                // Values of four bytes or fewer sit in the entry itself; larger ones at the offset it holds.
                long valueOffset = size <= 4 ? at + 8 : U32(at + 8);
                return new TiffEntry(t, type, n, valueOffset + size <= _file.Length ? (int)valueOffset : -1);
            }

            return null;
        }

        /// <summary>The single value of an integer tag, or <paramref name="fallback"/> when absent.</summary>
        public long Scalar(ReadOnlySpan<byte> file, ushort tag, long fallback)
        {
            if (Find(tag) is not { } e)
            {
                return fallback;
            }

            Check(e, tag);
            return e.Count == 0 ? fallback : e.Get(file, _big, 0);
        }

        /// <summary>A per-sample tag (BitsPerSample, SampleFormat) whose values must all agree.</summary>
        public long SameForAllSamples(ReadOnlySpan<byte> file, ushort tag, long fallback, int samples, string name)
        {
            if (Find(tag) is not { } e)
            {
                return fallback;
            }

            Check(e, tag);
            if (e.Count == 0)
            {
                return fallback;
            }

            uint first = e.Get(file, _big, 0);
            int n = (int)Math.Min(e.Count, (uint)samples);
            for (int i = 1; i < n; i++)
            {
                if (e.Get(file, _big, i) != first)
                {
                    ThrowHelper.ThrowFormat($"unsupported TIFF: {name} differs between samples");
                }
            }

            return first;
        }

        /// <summary>A SHORT or LONG array tag that must be present (strip and tile offsets and byte counts).</summary>
        public TiffEntry Array(ushort tag, string name)
        {
            if (Find(tag) is not { } e)
            {
                return ThrowHelper.ThrowFormat<TiffEntry>($"TIFF directory has no {name}");
            }

            Check(e, tag);
            return e;
        }

        private static void Check(TiffEntry e, ushort tag)
        {
            if (!e.IsInteger)
            {
                ThrowHelper.ThrowFormat($"TIFF tag {tag} has type {e.Type}, not an integer type");
            }

            if (e.ValueOffset < 0)
            {
                ThrowHelper.ThrowFormat($"TIFF tag {tag} values ({e.Count} of them) lie past the end of the file");
            }
        }

        private ushort U16(int at) => _big ? BinaryPrimitives.ReadUInt16BigEndian(_file[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_file[at..]);

        private uint U32(int at) => _big ? BinaryPrimitives.ReadUInt32BigEndian(_file[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(_file[at..]);
    }
}
