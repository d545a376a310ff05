namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>
/// The tables and frame description of one decode. One instance per thread, reused, so Decode allocates nothing after
/// the first call on a thread (the Huffman and quantisation tables are fixed-size; sample planes are rented).
/// </summary>
internal sealed class DctDecoderState
{
    [ThreadStatic]
    private static DctDecoderState? t_instance;

    public readonly DctHuffmanTable[] Dc = [new(), new(), new(), new()];
    public readonly DctHuffmanTable[] Ac = [new(), new(), new(), new()];

    /// <summary>Quantisation tables in natural (row-major) order, as the IDCT multiplies them.</summary>
    public readonly int[][] Quant = [new int[64], new int[64], new int[64], new int[64]];
    public readonly bool[] QuantDefined = new bool[4];

    /// <summary>Each component's quantisation table as latched at its scan (libjpeg latches at the first scan too).</summary>
    public readonly int[][] ComponentQuant = [new int[64], new int[64], new int[64], new int[64]];

    public readonly DctComponent[] Components = new DctComponent[DctFrameHeader.MaxComponents];

    /// <summary>Sample planes of a multi-component frame (rented; null for one component, which decodes straight to the destination).</summary>
    public readonly ushort[]?[] Planes = new ushort[]?[DctFrameHeader.MaxComponents];

    public CodestreamInfo Frame;
    public bool HasFrame;
    public int RestartInterval;
    public int McusX;
    public int McusY;

    /// <summary>
    /// Upsample as libjpeg-turbo 2.x rather than IJG 6b: a 1:2 vertical ratio (h1v2, 4:4:0) gets turbo's triangle
    /// filter instead of 6b's row replication. JPEG files (read by Pillow, i.e. turbo) set it; DICOM (dcmtk = 6b) does not.
    /// </summary>
    public bool TurboUpsampling;

    public static DctDecoderState Rent()
    {
        DctDecoderState state = t_instance ??= new DctDecoderState();
        t_instance = null; // a nested or re-entrant use (none today) would get its own instance
        state.Reset();
        return state;
    }

    public static void Return(DctDecoderState state)
    {
        for (int i = 0; i < state.Planes.Length; i++)
        {
            if (state.Planes[i] is { } plane)
            {
                System.Buffers.ArrayPool<ushort>.Shared.Return(plane);
                state.Planes[i] = null;
            }
        }

        t_instance = state;
    }

    private void Reset()
    {
        for (int i = 0; i < 4; i++)
        {
            Dc[i].Defined = false;
            Ac[i].Defined = false;
            QuantDefined[i] = false;
        }

        HasFrame = false;
        RestartInterval = 0;
        TurboUpsampling = false;
    }
}
