using FastXray.Imaging.Npy;

namespace FastXray.Tests;

/// <summary>
/// Inputs of the morphology, canny and clahe golden cases: the shared Reference/inputs files, or, for names with the
/// domain's own prefix (morph_, canny_, clahe_), the <c>input_&lt;name&gt;.npy</c> that tools/fixtures/morph.py stores
/// beside the cases.
/// </summary>
public static class FixtureInputs
{
    public static NpyArray Load(GoldenCase c)
    {
        string name = c.InputName;
        bool local = name.StartsWith("morph_", StringComparison.Ordinal) || name.StartsWith("canny_", StringComparison.Ordinal) ||
                     name.StartsWith("clahe_", StringComparison.Ordinal);
        return local ? NpyFile.Read(TestData.Reference("FastXray.Core.Tests", c.Domain, "input_" + name + ".npy")) : c.Input;
    }

    /// <summary>Copies a dense array into a strided buffer: the image starts at <paramref name="offset"/>, rows are
    /// <paramref name="stride"/> apart, and everything else holds <paramref name="fill"/>, so tests catch reads and
    /// writes outside the view.</summary>
    public static T[] Strided<T>(ReadOnlySpan<T> dense, int width, int height, int stride, int offset, T fill)
    {
        var buffer = new T[offset + (height * stride) + 7];
        buffer.AsSpan().Fill(fill);
        for (int y = 0; y < height; y++)
        {
            dense.Slice(y * width, width).CopyTo(buffer.AsSpan(offset + (y * stride), width));
        }

        return buffer;
    }
}
