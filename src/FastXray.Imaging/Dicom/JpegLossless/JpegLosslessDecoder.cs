namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>JPEG Lossless, process 14 (ITU-T T.81 Annex H), every predictor and point transform, 2-16 bits.</summary>
/// <remarks>
/// The DICOM transfer syntaxes 1.2.840.10008.1.2.4.57 (any selection value, point transform) and .70 (selection
/// value 1). Huffman coding only (SOF3); 1-4 components, interleaved (1x1 sampling) or one scan per component;
/// DRI/RSTn restart intervals. A codestream without EOI is accepted once every sample is decoded (broken DICOM
/// writers drop it); data ending before that is "truncated".
/// </remarks>
public static class JpegLosslessDecoder
{
    /// <summary>The frame header of <paramref name="data"/> (one DICOM frame's codestream).</summary>
    /// <exception cref="ImageFormatException">Not a JPEG lossless (SOF3) codestream, or malformed before the frame header.</exception>
    public static CodestreamInfo ReadInfo(ReadOnlySpan<byte> data)
    {
        LosslessState state = LosslessState.ForThread();
        LosslessMarkers.ReadToFrame(data, state);
        return state.Info;
    }

    /// <summary>Decodes <paramref name="data"/> into exactly Width x Height x Components samples, interleaved by pixel, values as coded (0 .. 2^Precision - 1).</summary>
    /// <exception cref="ImageFormatException">Malformed, unsupported, truncated or corrupt codestream.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is not Width x Height x Components long.</exception>
    public static void Decode(ReadOnlySpan<byte> data, Span<ushort> destination)
    {
        LosslessState state = LosslessState.ForThread();
        int position = LosslessMarkers.ReadToFrame(data, state);
        long samples = (long)state.Width * state.Height * state.ComponentCount;
        if (destination.Length != samples)
        {
            ThrowHelper.ThrowArgument(nameof(destination), $"destination holds {destination.Length} samples; the frame has {samples} ({state.Width}x{state.Height}x{state.ComponentCount})");
        }

        bool anyScan = false;
        while (true)
        {
            LosslessStop stop = LosslessMarkers.Parse(data, ref position, state, stopAtFrame: false);
            if (stop != LosslessStop.Scan)
            {
                break;
            }

            anyScan = true;
            position = LosslessScan.Decode(data, position, state, destination);
        }

        for (int c = 0; c < state.ComponentCount; c++)
        {
            if (!state.ComponentDone[c])
            {
                ThrowHelper.ThrowFormat(anyScan
                    ? $"truncated JPEG lossless data: component {state.ComponentIds[c]} has no scan"
                    : "truncated JPEG lossless data: no scan after the frame header");
            }
        }
    }
}
