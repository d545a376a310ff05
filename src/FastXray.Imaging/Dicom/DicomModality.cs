namespace FastXray.Imaging.Dicom;

/// <summary>
/// The Modality LUT stage (PS3.3 C.11.1): stored values to modality values, by Rescale Slope/Intercept or by the
/// first item of a Modality LUT Sequence (which takes precedence, as in pydicom's <c>apply_modality_lut</c>).
/// </summary>
/// <remarks>
/// Stored values have at most 16 bits, so the stage is a table of 2^16 float32 entries indexed by the stored bit
/// pattern (a signed value by its two's complement), each entry computed once in double as
/// <c>(float)(v · slope + intercept)</c> — the float64 formula rounded once, whatever the slope — then one gather per
/// pixel. The table costs 256 KiB and 65,536 multiply-adds, less than a 512x512 frame.
/// </remarks>
public static class DicomModality
{
    /// <summary>Whether the file's modality stage changes stored values (a non-identity rescale or a LUT).</summary>
    public static bool IsIdentity(DicomFile file) =>
        file.ModalityLut is null && file.RescaleSlope == 1 && file.RescaleIntercept == 0;

    /// <summary>Builds the 65,536-entry table for <paramref name="file"/>: index = stored value's 16-bit pattern.</summary>
    public static float[] BuildTable(DicomFile file)
    {
        var table = new float[65536];
        DicomLut? lut = file.ModalityLut;
        for (int pattern = 0; pattern < 65536; pattern++)
        {
            int v = file.IsSigned ? (short)pattern : pattern;
            if (lut is not null)
            {
                // Values outside the LUT's input range take its first or last entry (C.11.1.1.1).
                long index = Math.Clamp((long)v - lut.FirstMapped, 0, lut.Data.Length - 1);
                table[pattern] = lut.Data[index];
            }
            else
            {
                table[pattern] = (float)((v * file.RescaleSlope) + file.RescaleIntercept);
            }
        }

        return table;
    }

    /// <summary>Maps stored values (as <see cref="DicomFrameDecoder"/> gives them) through <paramref name="table"/>.</summary>
    public static void Apply(ReadOnlySpan<ushort> stored, ReadOnlySpan<float> table, Span<float> destination)
    {
        if (table.Length != 65536 || destination.Length < stored.Length)
        {
            ThrowHelper.ThrowArgument(nameof(table), "a 65536-entry table and a destination as long as the source are required");
        }

        // A 16-bit index into a 65,536-entry table never leaves it; the JIT elides the check for ushort indexing.
        for (int i = 0; i < stored.Length; i++)
        {
            destination[i] = table[stored[i]];
        }
    }

    /// <summary>What 16-bit output adds to the samples: 32768 when <see cref="Range"/> reaches below 0, else 0 (one rule for the output and for what <c>info</c> states).</summary>
    public static int Offset16(DicomFile file, bool rescale) => Range(file, rescale).Min < 0 ? 32768 : 0;

    /// <summary>
    /// The range of modality values the file can hold: stored range (Bits Stored, signedness) through the stage.
    /// Used for the 16-bit output offset and for what <c>info</c> prints.
    /// </summary>
    public static (double Min, double Max) Range(DicomFile file, bool rescale)
    {
        int bits = Math.Clamp(file.BitsStored, 1, 16);
        double lo = file.IsSigned ? -(1 << (bits - 1)) : 0;
        double hi = file.IsSigned ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
        if (!rescale)
        {
            return (lo, hi);
        }

        if (file.ModalityLut is { } lut)
        {
            return (0, (1 << Math.Clamp(lut.BitsPerEntry, 1, 16)) - 1);
        }

        double a = (lo * file.RescaleSlope) + file.RescaleIntercept;
        double b = (hi * file.RescaleSlope) + file.RescaleIntercept;
        return (Math.Min(a, b), Math.Max(a, b));
    }
}
