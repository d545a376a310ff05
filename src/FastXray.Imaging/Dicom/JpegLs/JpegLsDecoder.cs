namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>JPEG-LS (ITU-T T.87), lossless and near-lossless.</summary>
/// <remarks>
/// Baseline T.87 as DICOM uses it (transfer syntaxes 1.2.840.10008.1.2.4.80 and .81): precision 2-16, one or three
/// components, interleave modes none, line and sample, preset parameters from an LSE segment (else the defaults of
/// T.87 C.2.4.1.1), restart intervals. Bit-exact with CharLS (which dcmtk's dcmcjpls/dcmdjpls use), including its
/// reading of the sample-interleaved run interruption. Mapping tables, oversize dimensions, DNL, subsampling and a
/// point transform are refused as "unsupported JPEG-LS: ...".
/// </remarks>
public static class JpegLsDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data)
    {
        var markers = new JpegLsMarkerReader(data);
        JpegLsPresets presets = default;
        int restartInterval = 0;
        JpegLsFrame frame = markers.ReadFrameHeader(ref presets, ref restartInterval);
        return new CodestreamInfo(frame.Width, frame.Height, frame.Precision, frame.Components);
    }

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination)
    {
        var markers = new JpegLsMarkerReader(data);
        JpegLsPresets presets = default;
        int restartInterval = 0;
        JpegLsFrame frame = markers.ReadFrameHeader(ref presets, ref restartInterval);
        long samples = (long)frame.Width * frame.Height * frame.Components;
        if (destination.Length != samples)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"destination holds {destination.Length} samples; the JPEG-LS frame has {samples}");
        }

        int done = 0; // bit per frame component already decoded
        int all = (1 << frame.Components) - 1;
        while (done != all)
        {
            int marker = markers.NextMarker();
            if (marker is -1 or JpegLsMarkerReader.Eoi)
            {
                JpegLsErrors.ThrowTruncated(); // data or EOI before every component had its scan
            }

            if (marker != JpegLsMarkerReader.Sos)
            {
                markers.ApplyTableOrSkip(marker, ref presets, ref restartInterval);
                continue;
            }

            JpegLsScanHeader scan = markers.ReadScanHeader(frame);
            for (int i = 0; i < scan.Count; i++)
            {
                int bit = 1 << scan.IndexAt(i);
                if ((done & bit) != 0)
                {
                    JpegLsErrors.ThrowCorrupt("a component coded in two scans");
                }

                done |= bit;
            }

            var parameters = JpegLsCodingParameters.Resolve(presets, frame.Precision, scan.Near);
            markers.Position = JpegLsScanDecoder.Decode(data, markers.Position, frame, scan, parameters, restartInterval, destination);
        }

        // What follows the last scan (EOI, DICOM's even-length padding, or nothing in a broken file) is not needed.
    }
}
