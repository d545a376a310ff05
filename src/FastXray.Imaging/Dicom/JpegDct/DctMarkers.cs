namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>The ITU-T T.81 marker codes the decoder acts on (the byte after 0xFF).</summary>
internal static class DctMarkers
{
    public const byte Sof0 = 0xC0;
    public const byte Sof1 = 0xC1;
    public const byte Dht = 0xC4;
    public const byte Jpg = 0xC8;
    public const byte Dac = 0xCC;
    public const byte Rst0 = 0xD0;
    public const byte Soi = 0xD8;
    public const byte Eoi = 0xD9;
    public const byte Sos = 0xDA;
    public const byte Dqt = 0xDB;
    public const byte Dnl = 0xDC;
    public const byte Dri = 0xDD;
    public const byte Dhp = 0xDE;
    public const byte Exp = 0xDF;

    /// <summary>True for SOF2-SOF15 other than DHT, JPG and DAC: the frame types this decoder refuses.</summary>
    public static bool IsOtherSof(byte marker) =>
        marker is >= 0xC2 and <= 0xCF && marker != Dht && marker != Jpg && marker != Dac;

    /// <summary>The one-line refusal for a frame type other than SOF0/SOF1.</summary>
    public static string UnsupportedSof(byte marker) => marker switch
    {
        0xC2 => "unsupported JPEG: progressive DCT (SOF2)",
        0xC3 => "unsupported JPEG: lossless (SOF3) in a JPEG DCT codestream",
        0xC5 => "unsupported JPEG: hierarchical sequential DCT (SOF5)",
        0xC6 => "unsupported JPEG: hierarchical progressive DCT (SOF6)",
        0xC7 => "unsupported JPEG: hierarchical lossless (SOF7)",
        0xC9 => "unsupported JPEG: arithmetic-coded sequential DCT (SOF9)",
        0xCA => "unsupported JPEG: arithmetic-coded progressive DCT (SOF10)",
        0xCB => "unsupported JPEG: arithmetic-coded lossless (SOF11)",
        0xCD => "unsupported JPEG: arithmetic-coded hierarchical sequential DCT (SOF13)",
        0xCE => "unsupported JPEG: arithmetic-coded hierarchical progressive DCT (SOF14)",
        _ => "unsupported JPEG: arithmetic-coded hierarchical lossless (SOF15)",
    };
}
