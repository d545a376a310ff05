using System.Runtime.CompilerServices;
using FastXray.Imaging.Bmp;
using FastXray.Imaging.Formats;

namespace FastXray.Imaging.Tga;

/// <summary>
/// The common TGAs decoded straight to grey: no colour map, image type 2/3 (raw) or 10/11 (RLE), 8, 24 or 32 bits
/// per pixel (8 is grey, 24 B G R, 32 B G R A), either vertical origin. Colour-mapped and 15/16-bit files are left
/// to StbImageSharp.
/// </summary>
/// <remarks>
/// Called only after <c>Stb/TgaStructure</c> has proved the pixels lie inside the file (raw: the byte count; RLE:
/// a walk over every packet), and after <see cref="DecodeLimits"/>; a truncated file never gets here. Read as
/// StbImageSharp reads it (pixels right after the ID field; a type-2 file of 8 bits is grey; RLE packets may cross
/// rows and the last one may run past the last pixel), so the grey is identical; a test compares both on every
/// golden file. Horizontal order: see <see cref="TgaOrientation"/>.
/// </remarks>
internal static class TgaDecoder
{
    private const int HeaderSize = 18;

    /// <summary>The grey image, or null when the layout is one StbImageSharp keeps.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops run once per call: no tier-0 pass over a whole image
    public static GrayImage? TryDecode(ReadOnlySpan<byte> data, FormatInfo info)
    {
        int bits = data[16];
        if (data[1] != 0 || bits is not (8 or 24 or 32))
        {
            return null;
        }

        int width = info.Width, height = info.Height;
        int bytes = bits / 8;
        int start = HeaderSize + data[0];
        byte[] gray = GC.AllocateUninitializedArray<byte>(width * height);
        bool topDown = TgaOrientation.TopDown(data);
        if (data[2] < 8)
        {
            // Raw: each stored row straight to its place.
            int rowBytes = width * bytes;
            for (int r = 0; r < height; r++)
            {
                ReadOnlySpan<byte> row = data.Slice(start + (r * rowBytes), rowBytes);
                Convert(row, bytes, gray.AsSpan((topDown ? r : height - 1 - r) * width, width));
            }
        }
        else
        {
            // RLE packets run across rows: decode in stored order, then put the rows in place.
            DecodeRle(data[start..], bytes, gray);
            if (!topDown)
            {
                TgaOrientation.FlipVertically(gray, width, height);
            }
        }

        TgaOrientation.MirrorIfRightToLeft(data, gray, width, height);
        return GrayImage.Of(gray, width, height, info.Colour);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // loops run once per call: no tier-0 pass over a whole image
    private static void DecodeRle(ReadOnlySpan<byte> packets, int bytes, Span<byte> gray)
    {
        int pos = 0, done = 0;
        while (done < gray.Length)
        {
            int packet = packets[pos++];
            int count = Math.Min(1 + (packet & 127), gray.Length - done);
            if ((packet & 128) != 0)
            {
                byte value = bytes == 1 ? packets[pos] : BgrGray.Luma(packets, pos);
                gray.Slice(done, count).Fill(value);
                pos += bytes;
            }
            else
            {
                Convert(packets.Slice(pos, count * bytes), bytes, gray.Slice(done, count));
                pos += count * bytes;
            }

            done += count;
        }
    }

    private static void Convert(ReadOnlySpan<byte> source, int bytes, Span<byte> destination)
    {
        if (bytes == 1)
        {
            source.CopyTo(destination);
        }
        else
        {
            BgrGray.Row(source, bytes, destination);
        }
    }
}
