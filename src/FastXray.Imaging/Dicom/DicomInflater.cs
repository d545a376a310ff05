using System.Buffers;
using System.IO.Compression;

namespace FastXray.Imaging.Dicom;

/// <summary>Deflated Explicit VR Little Endian (PS3.5 A.5): everything after the file meta group is one raw deflate stream.</summary>
internal static class DicomInflater
{
    /// <summary>Deflate cannot expand more than about 1032:1; a claim beyond that is a bomb or garbage.</summary>
    private const long MaxRatio = 1032;

    /// <summary>A new buffer: the bytes before <paramref name="dataSetStart"/> (preamble and meta group) followed by the inflated data set.</summary>
    public static byte[] Inflate(ReadOnlySpan<byte> file, int dataSetStart, DecodeLimits limits)
    {
        long compressed = file.Length - dataSetStart;
        long cap = Math.Min(limits.MaxDecompressedBytes, (compressed * MaxRatio) + 4096);
        cap = Math.Min(cap, Array.MaxLength - dataSetStart);

        // The deflate stream needs a Stream; copying the compressed part is the one copy Read makes.
        byte[] input = file[dataSetStart..].ToArray();
        byte[] output = ArrayPool<byte>.Shared.Rent((int)Math.Min(cap + dataSetStart, Math.Max(4096, dataSetStart + (compressed * 4))));
        try
        {
            file[..dataSetStart].CopyTo(output);
            int length = dataSetStart;
            using var inflater = new DeflateStream(new MemoryStream(input, writable: false), CompressionMode.Decompress);
            long max = cap + dataSetStart;
            while (true)
            {
                if (length == max)
                {
                    // At the cap: refuse if there is one byte more.
                    if (inflater.ReadByte() < 0)
                    {
                        break;
                    }

                    ThrowHelper.ThrowFormat($"deflated data set inflates past {cap} bytes (the decompressed-size limit or deflate's 1032:1 ratio)");
                }

                if (length == output.Length)
                {
                    byte[] bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)output.Length * 2, max));
                    output.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(output);
                    output = bigger;
                }

                int n = inflater.Read(output, length, (int)Math.Min(output.Length, max) - length);
                if (n == 0)
                {
                    break;
                }

                length += n;
            }

            return output.AsSpan(0, length).ToArray();
        }
        catch (InvalidDataException e)
        {
            return ThrowHelper.ThrowFormat<byte[]>($"deflated data set: {e.Message}");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }
}
