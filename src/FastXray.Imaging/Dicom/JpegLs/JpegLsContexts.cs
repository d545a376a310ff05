namespace FastXray.Imaging.Dicom.JpegLs;

/// <summary>
/// Statistics of one regular-mode context (T.87 A.2.1): A accumulates |error|, B the signed error (bias),
/// C is the bias correction added to the prediction, N counts occurrences; A, B and N halve when N reaches RESET.
/// </summary>
internal struct JpegLsRegularContext
{
    public int A;
    public int B;
    public int C;
    public int N;
}

/// <summary>Statistics of one run-interruption context (T.87 A.7.2): A, N as above, Nn counts negative errors.</summary>
internal struct JpegLsRunContext
{
    public int A;
    public int N;
    public int Nn;
}
