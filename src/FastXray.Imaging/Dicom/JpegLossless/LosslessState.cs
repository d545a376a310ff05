namespace FastXray.Imaging.Dicom.JpegLossless;

/// <summary>
/// Frame, table and scan parameters of one codestream. One instance per thread is reused (its Huffman tables are
/// rebuilt in place), so ReadInfo and Decode allocate nothing after a thread's first call.
/// </summary>
internal sealed class LosslessState
{
    public const int MaxComponents = 4;

    [ThreadStatic]
    private static LosslessState? t_cached;

    public readonly LosslessHuffmanTable[] Tables = [new(), new(), new(), new()];
    public readonly LosslessHuffmanTable IgnoredTable = new();
    public readonly int[] ComponentIds = new int[MaxComponents];
    public readonly bool[] ComponentDone = new bool[MaxComponents];
    public readonly int[] ScanComponents = new int[MaxComponents];
    public readonly LosslessHuffmanTable[] ScanTables = new LosslessHuffmanTable[MaxComponents];

    public bool HasFrame;
    public int Width;
    public int Height;
    public int Precision;
    public int ComponentCount;
    public int RestartInterval;
    public int ScanComponentCount;
    public int Predictor;
    public int PointTransform;

    /// <summary>The calling thread's instance; not reentrant (decoding never calls back into user code).</summary>
    public static LosslessState ForThread() => t_cached ??= new LosslessState();

    public void Reset()
    {
        foreach (LosslessHuffmanTable table in Tables)
        {
            table.Clear();
        }

        Array.Clear(ComponentDone);
        HasFrame = false;
        Width = Height = Precision = ComponentCount = RestartInterval = ScanComponentCount = Predictor = PointTransform = 0;
    }

    public CodestreamInfo Info => new(Width, Height, Precision, ComponentCount);
}
