namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// Component planes to pixel-interleaved samples, upsampling subsampled components as libjpeg 6b's jdsample.c does by
/// default (do_fancy_upsampling, which dcmdjpeg keeps): a triangle filter for a 2:1 horizontal ratio (h2v1) and for 2:1
/// both ways (h2v2) when the component is wider than 2 samples, plain replication for every other integral ratio. Edge
/// rows repeat (jdmainct.c's context rows) and the row ends use the one-sided formulas, so results match exactly.
/// With <see cref="DctDecoderState.TurboUpsampling"/> a 1:2 vertical ratio (h1v2) gets libjpeg-turbo's triangle filter
/// (jdsample.c h1v2_fancy_upsample, turbo 1.5 and later) where 6b replicates rows; h2v1 and h2v2 are the same in both.
/// </summary>
internal static class DctUpsampler
{
    public static void Interleave(DctDecoderState state, Span<ushort> destination)
    {
        int width = state.Frame.Width;
        int height = state.Frame.Height;
        int count = state.Frame.Components;
        int hMax = 1;
        int vMax = 1;
        for (int i = 0; i < count; i++)
        {
            hMax = Math.Max(hMax, state.Components[i].H);
            vMax = Math.Max(vMax, state.Components[i].V);
        }

        for (int ci = 0; ci < count; ci++)
        {
            ref DctComponent c = ref state.Components[ci];
            ReadOnlySpan<ushort> plane = state.Planes[ci]!;
            int hExpand = hMax / c.H;
            int vExpand = vMax / c.V;
            bool fancy = hExpand == 2 && c.Width > 2 && vExpand is 1 or 2;
            bool fancyH1V2 = state.TurboUpsampling && hExpand == 1 && vExpand == 2;
            for (int y = 0; y < height; y++)
            {
                Span<ushort> row = destination.Slice(y * width * count);
                if (hExpand == 1 && vExpand == 1)
                {
                    ReadOnlySpan<ushort> source = plane.Slice(y * c.PlaneStride, width);
                    for (int x = 0; x < width; x++)
                    {
                        row[(x * count) + ci] = source[x];
                    }
                }
                else if (fancy && vExpand == 1)
                {
                    H2V1(plane.Slice(y * c.PlaneStride, c.Width), row, width, count, ci);
                }
                else if (fancyH1V2)
                {
                    int inRow = y / 2;
                    int farRow = (y & 1) == 0 ? Math.Max(inRow - 1, 0) : Math.Min(inRow + 1, c.Height - 1);
                    H1V2(plane.Slice(inRow * c.PlaneStride, width), plane.Slice(farRow * c.PlaneStride, width), row, count, ci, (y & 1) == 0 ? 1 : 2);
                }
                else if (fancy)
                {
                    int inRow = y / 2;
                    int farRow = (y & 1) == 0 ? Math.Max(inRow - 1, 0) : Math.Min(inRow + 1, c.Height - 1);
                    H2V2(plane.Slice(inRow * c.PlaneStride, c.Width), plane.Slice(farRow * c.PlaneStride, c.Width), row, width, count, ci);
                }
                else
                {
                    ReadOnlySpan<ushort> source = plane.Slice(y / vExpand * c.PlaneStride);
                    for (int x = 0; x < width; x++)
                    {
                        row[(x * count) + ci] = source[x / hExpand];
                    }
                }
            }
        }
    }

    /// <summary>jdsample.c h2v1_fancy_upsample: each output is 3/4 of the nearer input plus 1/4 of the further, rounding alternately down and up.</summary>
    private static void H2V1(ReadOnlySpan<ushort> input, Span<ushort> row, int width, int count, int ci)
    {
        int last = input.Length - 1;
        for (int x = 0; x < width; x++)
        {
            int i = x >> 1;
            int value;
            if ((x & 1) == 0)
            {
                value = i == 0 ? input[0] : ((3 * input[i]) + input[i - 1] + 1) >> 2;
            }
            else
            {
                value = i == last ? input[last] : ((3 * input[i]) + input[i + 1] + 2) >> 2;
            }

            row[(x * count) + ci] = (ushort)value;
        }
    }

    /// <summary>libjpeg-turbo's jdsample.c h1v2_fancy_upsample: 3/4 of the nearer row plus 1/4 of the further, bias 1 above and 2 below.</summary>
    private static void H1V2(ReadOnlySpan<ushort> near, ReadOnlySpan<ushort> far, Span<ushort> row, int count, int ci, int bias)
    {
        for (int x = 0; x < near.Length; x++)
        {
            row[(x * count) + ci] = (ushort)(((3 * near[x]) + far[x] + bias) >> 2);
        }
    }

    /// <summary>jdsample.c h2v2_fancy_upsample: the triangle filter in both directions on column sums 3 x nearer row + further row.</summary>
    private static void H2V2(ReadOnlySpan<ushort> near, ReadOnlySpan<ushort> far, Span<ushort> row, int width, int count, int ci)
    {
        int last = near.Length - 1;
        for (int x = 0; x < width; x++)
        {
            int i = x >> 1;
            int sum = (3 * near[i]) + far[i];
            int value;
            if ((x & 1) == 0)
            {
                value = i == 0 ? ((sum * 4) + 8) >> 4 : ((3 * sum) + (3 * near[i - 1]) + far[i - 1] + 8) >> 4;
            }
            else
            {
                value = i == last ? ((sum * 4) + 7) >> 4 : ((3 * sum) + (3 * near[i + 1]) + far[i + 1] + 7) >> 4;
            }

            row[(x * count) + ci] = (ushort)value;
        }
    }
}
