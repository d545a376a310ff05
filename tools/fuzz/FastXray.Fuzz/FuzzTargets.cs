using System.Buffers.Binary;
using FastXray.Imaging;
using FastXray.Imaging.Dicom;
using FastXray.Imaging.Dicom.Rle;
using FastXray.Imaging.Dicom.JpegLossless;
using FastXray.Imaging.Formats;
using FastXray.Imaging.Gif;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Png;
using FastXray.Imaging.Stb;
using FastXray.Imaging.Tiff;

namespace FastXray.Fuzz;

/// <summary>One fuzz target: decodes <paramref name="data"/>; returning or throwing <see cref="ImageFormatException"/> is correct behaviour.</summary>
internal delegate void FuzzTarget(ReadOnlySpan<byte> data);

/// <summary>
/// The readers the harness fuzzes, by name. Compiled into both the afl harness (Program.cs) and the test project
/// (Fuzz/CorpusReplayTests.cs), so the committed corpus is replayed through exactly the calls that produced it.
/// Adding a reader is one line here plus a seeds folder (tools/fuzz/make_seeds.py).
/// </summary>
internal static class FuzzTargets
{
    /// <summary>
    /// Small enough (4 Mpixel, 64 MB decompressed) that a mutated header asking for a legitimately huge image is
    /// refused at once instead of spending the exec on a large allocation; big enough for every seed.
    /// Built per call, not cached in a static: DecodeLimits' constructor is instrumented code, and instrumented code
    /// run before SharpFuzz has set up its trace map (this class is initialised while Main looks the target up)
    /// writes through a null pointer.
    /// </summary>
    public static DecodeLimits Limits => new() { MaxPixels = 1L << 22, MaxDecompressedBytes = 1L << 26 };

    /// <summary>Target name (the harness's command-line argument and the folder under Reference/fuzz/) to call.</summary>
    public static IReadOnlyDictionary<string, FuzzTarget> All { get; } = new SortedDictionary<string, FuzzTarget>(StringComparer.Ordinal)
    {
        ["png"] = static data => PngDecoder.Decode(WithPngCrcsFixed(data), Limits),
        ["gif"] = static data => GifDecoder.Decode(data, Limits),
        ["npy"] = static data => NpyFile.Read(new MemoryStream(data.ToArray(), writable: false), Limits),
        ["jpeg"] = static data => StbReader.Decode(data, ImageContainer.Jpeg, Limits),
        ["jpeg-file"] = static data => _ = FileSignature.TryIdentify(data) == ImageContainer.Jpeg ? ImageDecoder.DecodeGray(data, Limits) : null, // the .jpg route: our DCT decoder, or StbImageSharp
        ["bmp"] = static data => StbReader.Decode(data, ImageContainer.Bmp, Limits),
        ["tga"] = static data => StbReader.Decode(data, ImageContainer.Tga, Limits),
        ["psd"] = static data => StbReader.Decode(data, ImageContainer.Psd, Limits),
        ["hdr"] = static data => StbReader.Decode(data, ImageContainer.Hdr, Limits),
        ["tiff"] = static data => TiffReader.Decode(data, Limits),
        ["dicom"] = static data =>
        {
            DicomFile file = DicomReader.Read(data.ToArray(), Limits); // Read checks Rows x Columns x frames against Limits
            if (file.HasPixelData)
            {
                DicomFrameDecoder.Decode(file, 0, new ushort[file.Rows * file.Columns], Limits);
            }
        },
        ["dicom-rle"] = static data =>
        {
            // Bytes 0-3: width - 1, height - 1 (so at most 256 x 256), flags (bit 0: 3 samples, bit 1: 16 bits), unused; then one RLE frame.
            if (data.Length >= 4)
            {
                int width = data[0] + 1, height = data[1] + 1, samples = (data[2] & 1) == 0 ? 1 : 3, bits = (data[2] & 2) == 0 ? 8 : 16;
                RleDecoder.Decode(data[4..], width, height, samples, bits, new ushort[width * height * samples]);
            }
        },
        ["dicom-jpegll"] = static data => { CodestreamInfo i = JpegLosslessDecoder.ReadInfo(data); Limits.CheckSize(i.Width, i.Height); JpegLosslessDecoder.Decode(data, new ushort[i.Width * i.Height * i.Components]); },
        ["dicom-jpegdct"] = static data => { var i = FastXray.Imaging.Dicom.JpegDct.JpegDctDecoder.ReadInfo(data); if ((long)i.Width * i.Height * i.Components <= Limits.MaxPixels) { FastXray.Imaging.Dicom.JpegDct.JpegDctDecoder.Decode(data, new ushort[i.Width * i.Height * i.Components]); } },
        ["dicom-jpegls"] = static data => { var i = FastXray.Imaging.Dicom.JpegLs.JpegLsDecoder.ReadInfo(data); Limits.CheckSize(i.Width, i.Height); FastXray.Imaging.Dicom.JpegLs.JpegLsDecoder.Decode(data, new ushort[i.Width * i.Height * i.Components]); },
        ["signature"] = static data => _ = FileSignature.TryIdentify(data) is null ? FileSignature.Describe(data) : FileSignature.Identify(data).ToString(),
    };

    /// <summary>Runs <paramref name="target"/> on <paramref name="data"/>, swallowing only the domain exception; anything else escaping is a bug.</summary>
    public static void RunExpectingOnlyFormatErrors(FuzzTarget target, ReadOnlySpan<byte> data)
    {
        try
        {
            target(data);
        }
        catch (ImageFormatException)
        {
            // The one expected outcome for a malformed file besides success.
        }
    }

    /// <summary>
    /// A copy of <paramref name="data"/> with every complete chunk's CRC-32 recomputed. The decoder rejects a bad CRC
    /// before it looks at the chunk, so without this nearly every afl mutation would end at the CRC check and the
    /// header, filter, interlace and zlib paths behind it would barely be reached (the usual PNG fuzzing fix).
    /// The CRC check itself is covered by the PngSuite tests (the x*crc* files).
    /// </summary>
    private static byte[] WithPngCrcsFixed(ReadOnlySpan<byte> data)
    {
        byte[] png = data.ToArray();
        int at = 8; // after the signature; each chunk is length, type, data, CRC
        while (at <= png.Length - 12)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at));
            if (length > (uint)(png.Length - at - 12))
            {
                break; // a truncated last chunk is left as it is, for the decoder to report
            }

            int n = (int)length;
            BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(at + 8 + n), PngCrc.Compute(png.AsSpan(at + 4, n + 4)));
            at += 12 + n;
        }

        return png;
    }

    /// <summary>The PNG CRC-32 (ISO 3309, reflected polynomial 0xEDB88320); the decoder's own is internal to its assembly.</summary>
    private static class PngCrc
    {
        private static readonly uint[] s_table = BuildTable();

        public static uint Compute(ReadOnlySpan<byte> data)
        {
            uint crc = 0xFFFFFFFF;
            foreach (byte b in data)
            {
                crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return ~crc;
        }

        private static uint[] BuildTable()
        {
            var table = new uint[256];
            for (uint i = 0; i < 256; i++)
            {
                uint c = i;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
                }

                table[i] = c;
            }

            return table;
        }
    }
}
