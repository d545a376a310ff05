namespace FastXray.Imaging.Dicom.JpegDct;

/// <summary>One frame component (T.81 B.2.2) and where its decoded samples go.</summary>
internal struct DctComponent
{
    public int Id;
    public int H;
    public int V;
    public int QuantTable;

    /// <summary>Downsampled size: ceil(X * H / Hmax) x ceil(Y * V / Vmax) (T.81 A.1.1).</summary>
    public int Width;
    public int Height;

    /// <summary>Blocks of a non-interleaved scan of this component: ceil(Width / 8) x ceil(Height / 8).</summary>
    public int BlocksWide;
    public int BlocksHigh;

    /// <summary>Plane row length in samples: whole MCUs (McusX x H x 8), so interleaved and non-interleaved scans both fit.</summary>
    public int PlaneStride;
    public int PlaneRows;

    public int DcTable;
    public int AcTable;
    public bool Scanned;
}
