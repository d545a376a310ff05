using System.Runtime.Intrinsics;

namespace FastXray.Imaging.Dicom;

/// <summary>
/// Stored bit patterns to stored values (PS3.5 8.1.1): the Bits Stored bits ending at High Bit, shifted down to bit 0,
/// with everything above them cleared (unsigned) or copied from the sign bit (signed, read the result as <c>short</c>).
/// </summary>
/// <remarks>
/// Both cases are two shifts: left so that High Bit lands on bit 15, then right by 16 - Bits Stored, logical for
/// unsigned and arithmetic for signed. Vectorised with Vector256/Vector128 over 16 lanes of 16 bits; the tail is scalar
/// because the map works in place and is not idempotent (an overlapping last vector would apply it twice).
/// </remarks>
internal static class DicomSampleMapper
{
    /// <summary>Whether the map changes anything (it does not for 16 bits stored from bit 15).</summary>
    public static bool IsIdentity(int bitsStored, int highBit) => bitsStored == 16 && highBit == 15;

    public static void MapInPlace(Span<ushort> samples, int bitsStored, int highBit, bool signed)
    {
        if (IsIdentity(bitsStored, highBit))
        {
            return;
        }

        int left = 15 - highBit;
        int right = 16 - bitsStored;
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= samples.Length - Vector256<ushort>.Count; i += Vector256<ushort>.Count)
            {
                Vector256<ushort> v = Vector256.ShiftLeft(Vector256.Create<ushort>(samples[i..]), left);
                v = signed ? Vector256.ShiftRightArithmetic(v.AsInt16(), right).AsUInt16() : Vector256.ShiftRightLogical(v, right);
                v.CopyTo(samples[i..]);
            }
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            for (; i <= samples.Length - Vector128<ushort>.Count; i += Vector128<ushort>.Count)
            {
                Vector128<ushort> v = Vector128.ShiftLeft(Vector128.Create<ushort>(samples[i..]), left);
                v = signed ? Vector128.ShiftRightArithmetic(v.AsInt16(), right).AsUInt16() : Vector128.ShiftRightLogical(v, right);
                v.CopyTo(samples[i..]);
            }
        }

        for (; i < samples.Length; i++)
        {
            samples[i] = Map(samples[i], left, right, signed);
        }
    }

    /// <summary>One sample: the scalar reference of <see cref="MapInPlace"/>.</summary>
    public static ushort Map(int raw, int left, int right, bool signed) => signed
        ? (ushort)((short)(ushort)(raw << left) >> right)
        : (ushort)((ushort)(raw << left) >> right);
}
