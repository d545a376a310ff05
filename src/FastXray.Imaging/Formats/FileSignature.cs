using System.Buffers.Binary;

namespace FastXray.Imaging.Formats;

/// <summary>
/// Identifies a file by its first bytes, never by its name: the formats we read, and, for the ones we do not,
/// a name for the one-line error (WebP, JPEG 2000, JPEG XL, HEIC/AVIF, DICOM, DNG, PDF, ...).
/// </summary>
public static class FileSignature
{
    private static ReadOnlySpan<byte> PngMagic => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> NpyMagic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    private static ReadOnlySpan<byte> Jp2Magic => [0x00, 0x00, 0x00, 0x0C, (byte)'j', (byte)'P', 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    private static ReadOnlySpan<byte> JxlBoxMagic => [0x00, 0x00, 0x00, 0x0C, (byte)'J', (byte)'X', (byte)'L', 0x20, 0x0D, 0x0A, 0x87, 0x0A];

    /// <summary>The TIFF tag DNGVersion: a TIFF carrying it is a camera raw file, not an image we read.</summary>
    private const ushort DngVersionTag = 0xC612;

    /// <summary>The format of <paramref name="data"/>, or an <see cref="ImageFormatException"/> naming what it is.</summary>
    public static ImageContainer Identify(ReadOnlySpan<byte> data) =>
        TryIdentify(data) ?? ThrowHelper.ThrowFormat<ImageContainer>(data.Length == 0 ? "empty file" : $"unsupported format: {Describe(data)}");

    /// <summary>The format of <paramref name="data"/>, or null for a format we do not read.</summary>
    public static ImageContainer? TryIdentify(ReadOnlySpan<byte> data)
    {
        // First: "DICM" after the preamble is definitive, and a dual-personality file (TIFF header in the DICOM preamble) is read as DICOM.
        if (IsDicom(data))
        {
            return ImageContainer.Dicom;
        }

        if (data.StartsWith(PngMagic))
        {
            return ImageContainer.Png;
        }

        if (data.StartsWith(NpyMagic))
        {
            return ImageContainer.Npy;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageContainer.Jpeg;
        }

        if (data.StartsWith("BM"u8) && data.Length >= 14)
        {
            return ImageContainer.Bmp;
        }

        if (data.StartsWith("8BPS"u8))
        {
            return ImageContainer.Psd;
        }

        if (data.StartsWith("#?RADIANCE\n"u8) || data.StartsWith("#?RGBE\n"u8))
        {
            return ImageContainer.Hdr;
        }

        if (IsTiff(data))
        {
            return IsDng(data) ? null : ImageContainer.Tiff;
        }

        // TGA has no magic number: last, and only when its 18-byte header is self-consistent (as stb_image's test).
        return LooksLikeTga(data) ? ImageContainer.Tga : null;
    }

    /// <summary>What a file looks like, for an error message: "WebP", "JPEG 2000", ... or "unknown (first bytes 0102030405060708)".</summary>
    public static string Describe(ReadOnlySpan<byte> data)
    {
        if (data.Length == 0)
        {
            return "empty file";
        }

        if (IsTiff(data) && IsDng(data))
        {
            return "DNG camera raw (a TIFF variant FastXray does not read)";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "WebP";
        }

        if (data.StartsWith(Jp2Magic) || (data.Length >= 4 && data[0] == 0xFF && data[1] == 0x4F && data[2] == 0xFF && data[3] == 0x51))
        {
            return "JPEG 2000";
        }

        if (data.StartsWith(JxlBoxMagic) || (data.Length >= 2 && data[0] == 0xFF && data[1] == 0x0A))
        {
            return "JPEG XL";
        }

        if (data.Length >= 12 && data[4..8].SequenceEqual("ftyp"u8))
        {
            ReadOnlySpan<byte> brand = data[8..12];
            if (brand.SequenceEqual("avif"u8) || brand.SequenceEqual("avis"u8))
            {
                return "AVIF";
            }

            if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8) || brand.SequenceEqual("msf1"u8) || brand.SequenceEqual("hevc"u8))
            {
                return "HEIC";
            }

            return "an ISO media file (MP4/MOV/HEIF family)";
        }

        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            // Gif/GifDecoder exists for our own animations' tests; a GIF is an output (stack), not an input.
            return "GIF (an animation: FastXray writes GIF but does not take it as input)";
        }

        if (data.StartsWith("%PDF-"u8))
        {
            return "PDF";
        }

        if (data.StartsWith("P5"u8) || data.StartsWith("P2"u8) || data.StartsWith("P6"u8) || data.StartsWith("P3"u8))
        {
            return "PNM (PGM/PPM)";
        }

        if (data.Length >= 2 && data[0] == 0x1F && data[1] == 0x8B)
        {
            return "gzip-compressed data";
        }

        if (data.StartsWith("PK\x03\x04"u8))
        {
            return "a ZIP archive";
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8) || data.StartsWith("II+\0"u8) || data.StartsWith("MM\0+"u8))
        {
            return "TIFF";
        }

        if (TryIdentify(data) is { } known)
        {
            return known.ToString().ToUpperInvariant();
        }

        int n = Math.Min(data.Length, 8);
        return $"unknown (first bytes {Convert.ToHexString(data[..n]).ToLowerInvariant()})";
    }

    /// <summary>A DICOM Part 10 file ("DICM" after the 128-byte preamble).</summary>
    public static bool IsDicom(ReadOnlySpan<byte> data) =>
        (data.Length >= 132 && data.Slice(128, 4).SequenceEqual("DICM"u8)) || LooksLikeDicomWithoutPreamble(data);

    /// <summary>
    /// A data set written without preamble (PS3.10 allows reading them; old archives and some modalities write them):
    /// its first element is in group 0002 or 0008 (little endian), with an explicit VR we know, or, implicit, one of
    /// the usual first elements of group 0008 with a short printable value. Strict enough that no TGA header (the only
    /// format identified after this) passes: a TGA's third byte is its image type, never one of these element numbers.
    /// </summary>
    private static bool LooksLikeDicomWithoutPreamble(ReadOnlySpan<byte> data)
    {
        if (data.Length < 12 || data[1] != 0 || data[3] != 0 || (data[0] != 0x02 && data[0] != 0x08))
        {
            return false;
        }

        if (IsKnownVr(data[4], data[5]))
        {
            return true;
        }

        // Implicit VR: (0008,0005) Specific Character Set, (0008,0008) Image Type, (0008,0012) Instance Creation Date,
        // (0008,0016) SOP Class UID, (0008,0018) SOP Instance UID.
        byte element = data[2];
        if (data[0] != 0x08 || element is not (0x05 or 0x08 or 0x12 or 0x16 or 0x18))
        {
            return false;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(data[4..]);
        if (length == 0 || length > 256 || (length & 1) != 0 || length > data.Length - 8)
        {
            return false;
        }

        foreach (byte b in data.Slice(8, (int)length))
        {
            if (b is not (0 or (>= 0x20 and < 0x7F)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsKnownVr(byte a, byte b) => (char)a switch
    {
        'A' => b is (byte)'E' or (byte)'S' or (byte)'T',
        'C' => b == 'S',
        'D' => b is (byte)'A' or (byte)'S' or (byte)'T',
        'F' => b is (byte)'L' or (byte)'D',
        'I' => b == 'S',
        'L' => b is (byte)'O' or (byte)'T',
        'O' => b is (byte)'B' or (byte)'D' or (byte)'F' or (byte)'L' or (byte)'V' or (byte)'W',
        'P' => b == 'N',
        'S' => b is (byte)'H' or (byte)'L' or (byte)'Q' or (byte)'S' or (byte)'T' or (byte)'V',
        'T' => b == 'M',
        'U' => b is (byte)'C' or (byte)'I' or (byte)'L' or (byte)'N' or (byte)'R' or (byte)'S' or (byte)'T' or (byte)'V',
        _ => false,
    };

    private static bool IsTiff(ReadOnlySpan<byte> data) =>
        data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8) || data.StartsWith("II+\0"u8) || data.StartsWith("MM\0+"u8);

    /// <summary>True when the first IFD of a classic TIFF carries DNGVersion; entries that run off the file end the search.</summary>
    private static bool IsDng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 8 || data[2] == 0x2B || data[3] == 0x2B)
        {
            return false; // BigTIFF is never DNG
        }

        bool little = data[0] == (byte)'I';
        uint ifd = little ? BinaryPrimitives.ReadUInt32LittleEndian(data[4..]) : BinaryPrimitives.ReadUInt32BigEndian(data[4..]);
        if (ifd > data.Length - 2)
        {
            return false;
        }

        int count = little ? BinaryPrimitives.ReadUInt16LittleEndian(data[(int)ifd..]) : BinaryPrimitives.ReadUInt16BigEndian(data[(int)ifd..]);
        for (int i = 0; i < count; i++)
        {
            long at = ifd + 2 + (12L * i);
            if (at + 2 > data.Length)
            {
                return false;
            }

            ushort tag = little ? BinaryPrimitives.ReadUInt16LittleEndian(data[(int)at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[(int)at..]);
            if (tag == DngVersionTag)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>stb_image's TGA test: no colour map or an 8-bit-indexed one, a known image type, sane sizes and depths.</summary>
    private static bool LooksLikeTga(ReadOnlySpan<byte> data)
    {
        if (data.Length < 18)
        {
            return false;
        }

        byte colorMapType = data[1];
        byte imageType = data[2];
        if (colorMapType > 1)
        {
            return false;
        }

        if (colorMapType == 1)
        {
            // Colour-mapped: image type 1 or 9, map entry size 8, 15, 16, 24 or 32, pixel depth 8.
            if (imageType != 1 && imageType != 9)
            {
                return false;
            }

            byte entry = data[7];
            if (entry is not (8 or 15 or 16 or 24 or 32) || data[16] != 8)
            {
                return false;
            }
        }
        else if (imageType is not (2 or 3 or 10 or 11))
        {
            return false;
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(data[12..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(data[14..]);
        byte depth = data[16];
        return width >= 1 && height >= 1 && (colorMapType == 1 || depth is 8 or 15 or 16 or 24 or 32);
    }
}
