using System.Globalization;
using FastXray.Cli.Pipeline;
using FastXray.Intensity;

namespace FastXray.Cli.Tutorial;

/// <summary>
/// The tutorial's mask level (<c>img &gt; 150</c>) in the input's stored units, and why it is that number. The
/// tutorial's 150 is for 8-bit data; a 12-bit radiograph in a 16-bit PNG needs 150 scaled to 12 bits (2408.8),
/// not to 16 (38550, above every sample: an empty mask under a title that still said "> 150").
/// </summary>
internal readonly record struct TutorialThreshold(double Value, int Bits, string Rule)
{
    /// <summary>The tutorial's level for 8-bit data.</summary>
    public const double Tutorial8 = 150;

    /// <summary>The level as titles show it: NumPy's comparison is against this exact number.</summary>
    public string Text => Value.ToString("G7", CultureInfo.InvariantCulture);

    /// <summary>The level for <paramref name="input"/> (whose largest sample is <paramref name="max"/>); <paramref name="given"/> (stored units) overrides.</summary>
    public static TutorialThreshold Resolve(GrayInput input, double max, double? given)
    {
        int storage = input.Depth;
        int bits = SignificantBits.Effective(storage, input.StatedBits, max);
        if (given is { } t)
        {
            return new(t, bits, "--threshold");
        }

        if (storage == 32)
        {
            return new(Tutorial8, bits, "150 as in the tutorial (float data: not scaled)");
        }

        string why = bits == storage && input.StatedBits == 0 && storage == 8 ? "uint8"
            : input.StatedBits == bits ? (input.Dicom is null ? $"sBIT {bits}" : $"Bits Stored {bits}")
            : input.StatedBits != 0 ? $"sBIT {input.StatedBits} but samples above it: the full {storage} bits"
            : storage == 8 ? "uint8"
            : $"no sBIT: the maximum {max.ToString(CultureInfo.InvariantCulture)} needs {bits} bits";
        double value = SignificantBits.ScaleFrom8(Tutorial8, bits);
        return new(value, bits, bits == 8 ? $"150 as in the tutorial ({why})" : $"150 of 255 scaled to {bits} bits ({why})");
    }
}
