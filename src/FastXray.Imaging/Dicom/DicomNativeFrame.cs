using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Dicom;

/// <summary>Native (uncompressed) pixel data: frames back to back, 8 or 16 bits per sample, little or big endian (PS3.5 8.1).</summary>
internal static class DicomNativeFrame
{
    public static void Decode(DicomFile file, int frame, Span<ushort> destination)
    {
        int samples = file.SamplesPerPixel;
        int bytesPerSample = file.BitsAllocated / 8;
        long frameBytes = (long)destination.Length * samples * bytesPerSample;
        long needed = (frame + 1) * frameBytes;
        if (file.PixelDataLength < needed)
        {
            ThrowHelper.ThrowFormat($"pixel data has {file.PixelDataLength} bytes, frame {frame} needs {needed}");
        }

        ReadOnlySpan<byte> source = file.Buffer.Span.Slice(file.PixelDataOffset + (int)(frame * frameBytes), (int)frameBytes);
        bool bigEndian = file.TransferSyntax.Encoding == DicomEncoding.ExplicitBig;
        if (samples == 1)
        {
            Load(source, bytesPerSample, bigEndian, destination);
            DicomSampleMapper.MapInPlace(destination, file.BitsStored, file.HighBit, file.IsSigned);
            return;
        }

        // Colour: gather the three samples of each pixel (interleaved or planar) into rented scratch, then to grey.
        int pixels = destination.Length;
        ushort[] rented = ArrayPool<ushort>.Shared.Rent(pixels * 3);
        try
        {
            Span<ushort> all = rented.AsSpan(0, pixels * 3);
            if (file.PlanarConfiguration == 0)
            {
                Load(source, bytesPerSample, bigEndian, all);
            }
            else
            {
                Span<ushort> plane = destination; // the destination is free until the last step: use it for one plane
                int planeBytes = pixels * bytesPerSample;
                for (int s = 0; s < 3; s++)
                {
                    Load(source.Slice(s * planeBytes, planeBytes), bytesPerSample, bigEndian, plane);
                    for (int i = 0, j = s; i < pixels; i++, j += 3)
                    {
                        all[j] = plane[i];
                    }
                }
            }

            DicomSampleMapper.MapInPlace(all, file.BitsStored, file.HighBit, signed: false);
            DicomFrameDecoder.ToGrey(all, file.Photometric != "RGB", destination);
        }
        finally
        {
            ArrayPool<ushort>.Shared.Return(rented);
        }
    }

    /// <summary>Raw samples to 16-bit words: bytes widened, or words copied (byte-swapped for big endian).</summary>
    private static void Load(ReadOnlySpan<byte> source, int bytesPerSample, bool bigEndian, Span<ushort> destination)
    {
        if (bytesPerSample == 1)
        {
            // 8-bit samples are stored byte by byte (OB) in every syntax, big endian included.
            source = source[..destination.Length];
            if (Vector128.IsHardwareAccelerated && source.Length >= 16)
            {
                // 16 bytes widen to two vectors of 8 words. The last vector overlaps the one before: a plain copy, so
                // writing a few samples twice is harmless.
                ref byte src = ref MemoryMarshal.GetReference(source);
                ref ushort dst = ref MemoryMarshal.GetReference(destination);
                int last = source.Length - 16;
                for (int v = 0; v < last; v += 16)
                {
                    Widen(ref src, ref dst, v);
                }

                Widen(ref src, ref dst, last);
                return;
            }

            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = source[i];
            }
        }
        else if (bigEndian)
        {
            BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<byte, ushort>(source), destination);
        }
        else
        {
            MemoryMarshal.Cast<byte, ushort>(source).CopyTo(destination);
        }
    }

    private static void Widen(ref byte source, ref ushort destination, int at)
    {
        (Vector128<ushort> lo, Vector128<ushort> hi) = Vector128.Widen(Vector128.LoadUnsafe(ref source, (nuint)at));
        lo.StoreUnsafe(ref destination, (nuint)at);
        hi.StoreUnsafe(ref destination, (nuint)(at + 8));
    }
}
