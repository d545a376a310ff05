namespace FastXray.Imaging.Png;

/// <summary>
/// An 8-bit image already filtered and deflated: the IDAT data of a PNG, to be written as one or more files.
/// Files that differ only in their palette (one panel under several colormaps) share one compression.
/// </summary>
/// <remarks>
/// The compressed data lives in a pooled buffer: <see cref="Dispose"/> gives it back (so the next image reuses
/// mapped memory); an undisposed instance is simply collected.
/// </remarks>
/// <remarks>
/// <see cref="WriteTo"/> writes exactly the bytes <see cref="PngEncoder.Encode(Stream, ReadOnlySpan{byte}, int, int, PngColorType, PngEncodeOptions?)"/>
/// (or <see cref="PngEncoder.EncodeIndexed"/> with the same palette) writes for the same samples and options.
/// </remarks>
public sealed class PngCompressedImage : IDisposable
{
    private readonly PooledBufferStream _zlib;
    private readonly int _entriesNeeded;

    private PngCompressedImage(int width, int height, PngColorType colorType, PooledBufferStream zlib, int entriesNeeded)
    {
        Width = width;
        Height = height;
        ColorType = colorType;
        _zlib = zlib;
        _entriesNeeded = entriesNeeded;
    }

    /// <summary>Pixels per row.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The colour type the samples are written as.</summary>
    public PngColorType ColorType { get; }

    /// <summary>Filters and deflates 8-bit samples (for <see cref="PngColorType.Palette"/>, one index a pixel).</summary>
    /// <param name="pixels">width · height · channels samples.</param>
    /// <param name="width">Pixels per row, ≥ 1.</param>
    /// <param name="height">Rows, ≥ 1.</param>
    /// <param name="colorType">Gray, GrayAlpha, Rgb, Rgba or Palette.</param>
    /// <param name="options">Level and filter strategy; <see cref="PngEncodeOptions.Default"/> when null.</param>
    public static PngCompressedImage Compress(ReadOnlySpan<byte> pixels, int width, int height, PngColorType colorType, PngEncodeOptions? options = null)
    {
        int channels = PngEncoder.Validate(pixels.Length, width, height, colorType, 1, options);

        // A palette must cover the largest index; found once here (a binary search of vectorised scans), checked
        // per palette in WriteTo.
        int entries = 1;
        if (colorType == PngColorType.Palette)
        {
            int high = 256;
            while (entries < high)
            {
                int mid = (entries + high) / 2;
                if (pixels.IndexOfAnyInRange((byte)mid, byte.MaxValue) >= 0)
                {
                    entries = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }
        }

        // Room for what deflate usually leaves of filtered image rows (it grows, rarely, for noise-like data).
        var zlib = new PooledBufferStream((pixels.Length / 2) + height + 1024);
        try
        {
            PngEncoder.DeflateRows(zlib, pixels, default, width, height, channels, options ?? PngEncodeOptions.Default);
        }
        catch
        {
            zlib.Dispose();
            throw;
        }

        return new PngCompressedImage(width, height, colorType, zlib, entries);
    }

    /// <summary>Writes the PNG file.</summary>
    /// <param name="output">Receives the file.</param>
    /// <param name="palette">For a palette image, its PLTE (RGB triples covering every index); empty otherwise.</param>
    public void WriteTo(Stream output, ReadOnlySpan<byte> palette = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (ColorType == PngColorType.Palette)
        {
            PngEncoder.ValidatePalette(palette, default);
            if (palette.Length / 3 < _entriesNeeded)
            {
                ThrowHelper.ThrowArgument(nameof(palette), $"the palette has {palette.Length / 3} entries; the indices need {_entriesNeeded}");
            }
        }
        else if (!palette.IsEmpty)
        {
            ThrowHelper.ThrowArgument(nameof(palette), $"a {ColorType} image takes no palette");
        }

        PngEncoder.WriteHead(output, Width, Height, 8, ColorType, palette);
        using (var idat = new IdatWriter(output))
        {
            idat.Write(_zlib.Written);
            idat.Finish();
        }

        PngEncoder.WriteEnd(output);
    }

    /// <summary>The PNG file as bytes (see <see cref="WriteTo"/>).</summary>
    /// <param name="palette">For a palette image, its PLTE; empty otherwise.</param>
    public byte[] ToArray(ReadOnlySpan<byte> palette = default)
    {
        // The exact file size, so the file is written once into its own array (no growth, no copy):
        // signature + IHDR, PLTE, one 12-byte frame per IDAT chunk, IEND.
        int zlibLength = _zlib.Written.Length;
        int chunks = (zlibLength + IdatWriter.ChunkSize - 1) / IdatWriter.ChunkSize;
        int size = 8 + 25 + (ColorType == PngColorType.Palette ? 12 + palette.Length : 0) + zlibLength + (12 * chunks) + 12;
        var file = new byte[size];
        using var stream = new MemoryStream(file);
        WriteTo(stream, palette);
        return stream.Position == size ? file : file[..(int)stream.Position];
    }

    /// <summary>Returns the compressed data's buffer to the pool; the image cannot be written afterwards.</summary>
    public void Dispose() => _zlib.Dispose();
}
