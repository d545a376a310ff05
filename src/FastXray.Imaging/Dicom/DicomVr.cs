namespace FastXray.Imaging.Dicom;

/// <summary>Value representations as the two ASCII bytes of an explicit VR header, big-endian packed ('S' &lt;&lt; 8 | 'Q').</summary>
internal static class DicomVr
{
    public const ushort SQ = ('S' << 8) | 'Q';
    public const ushort UN = ('U' << 8) | 'N';
    public const ushort OB = ('O' << 8) | 'B';
    public const ushort OW = ('O' << 8) | 'W';
    public const ushort SS = ('S' << 8) | 'S';

    /// <summary>Whether <paramref name="vr"/> is two upper-case letters, as every VR is (anything else is not explicit VR).</summary>
    public static bool IsValid(ushort vr) => (uint)((vr >> 8) - 'A') < 26 && (uint)((vr & 0xFF) - 'A') < 26;

    /// <summary>
    /// Whether the explicit VR header has 2 reserved bytes and a 32-bit length (PS3.5 7.1.2): OB, OD, OF, OL, OV, OW, SQ,
    /// SV, UC, UN, UR, UT, UV. Others have a 16-bit length.
    /// </summary>
    public static bool HasLongLength(ushort vr) => vr switch
    {
        ('O' << 8) | 'B' or ('O' << 8) | 'D' or ('O' << 8) | 'F' or ('O' << 8) | 'L' or ('O' << 8) | 'V' or ('O' << 8) | 'W'
            or ('S' << 8) | 'Q' or ('S' << 8) | 'V' or ('U' << 8) | 'C' or ('U' << 8) | 'N' or ('U' << 8) | 'R'
            or ('U' << 8) | 'T' or ('U' << 8) | 'V' => true,
        _ => false,
    };

    /// <summary>"SQ" from the packed form, for error messages.</summary>
    public static string Name(ushort vr) => vr == 0 ? "implicit" : IsValid(vr) ? $"{(char)(vr >> 8)}{(char)(vr & 0xFF)}" : $"0x{vr:X4}";
}
