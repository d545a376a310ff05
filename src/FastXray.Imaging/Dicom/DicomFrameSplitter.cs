namespace FastXray.Imaging.Dicom;

/// <summary>Which encapsulated fragments make up a frame (PS3.5 A.4).</summary>
internal static class DicomFrameSplitter
{
    /// <summary>
    /// The fragments [First, First + Count) of frame <paramref name="frame"/>: all of them for a single frame; else by
    /// the basic offset table when there is one; else one per frame when the counts match; else a new frame at each
    /// fragment that starts with a JPEG SOI marker (FF D8), which every JPEG and JPEG-LS frame does.
    /// </summary>
    public static (int First, int Count) Locate(DicomFile file, int frame)
    {
        IReadOnlyList<DicomFragment> fragments = file.Fragments;
        int frames = file.NumberOfFrames;
        if (fragments.Count == 0)
        {
            return ThrowHelper.ThrowFormat<(int, int)>("encapsulated pixel data has no fragments");
        }

        if (frames == 1)
        {
            return (0, fragments.Count);
        }

        IReadOnlyList<uint> table = file.BasicOffsetTable;
        if (table.Count > 0)
        {
            if (table.Count != frames)
            {
                ThrowHelper.ThrowFormat($"basic offset table has {table.Count} entries for {frames} frames");
            }

            int first = FragmentAt(fragments, table[frame], frame);
            int end = frame + 1 < frames ? FragmentAt(fragments, table[frame + 1], frame + 1) : fragments.Count;
            if (end <= first)
            {
                ThrowHelper.ThrowFormat($"basic offset table entries {frame} and {frame + 1} are not increasing");
            }

            return (first, end - first);
        }

        if (fragments.Count == frames)
        {
            return (frame, 1);
        }

        if (file.TransferSyntax.Codec is DicomPixelCodec.Rle)
        {
            ThrowHelper.ThrowFormat($"{fragments.Count} RLE fragments for {frames} frames and no basic offset table");
        }

        ReadOnlySpan<byte> buffer = file.Buffer.Span;
        int seen = -1;
        int start = -1;
        for (int i = 0; i < fragments.Count; i++)
        {
            DicomFragment f = fragments[i];
            if (f.Length >= 2 && buffer[f.Offset] == 0xFF && buffer[f.Offset + 1] == 0xD8)
            {
                seen++;
                if (seen == frame)
                {
                    start = i;
                }
                else if (seen == frame + 1)
                {
                    return (start, i - start);
                }
            }
            else if (i == 0)
            {
                ThrowHelper.ThrowFormat("cannot split fragments into frames: the first fragment does not start with a JPEG SOI marker");
            }
        }

        if (start < 0)
        {
            ThrowHelper.ThrowFormat($"cannot find frame {frame}: only {seen + 1} fragments start with a JPEG SOI marker, {frames} frames expected");
        }

        return (start, fragments.Count - start);
    }

    private static int FragmentAt(IReadOnlyList<DicomFragment> fragments, uint itemOffset, int frame)
    {
        // Fragments are in increasing item offset order: binary search.
        int lo = 0;
        int hi = fragments.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            uint at = fragments[mid].ItemOffset;
            if (at == itemOffset)
            {
                return mid;
            }

            if (at < itemOffset)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return ThrowHelper.ThrowFormat<int>($"basic offset table entry {frame} ({itemOffset}) is not the start of a fragment");
    }
}
