using FastXray.Imaging;
using FastXray.Imaging.Dicom;
using FastXray.Imaging.Formats;

namespace FastXray.Cli.Batch;

/// <summary>
/// <c>batch --frame all</c>: each multi-frame DICOM input becomes one input per frame (output <c>STEM.fNNNN</c>), in
/// place, so the list keeps its order and shards split frames like files. Other inputs, single-frame files and
/// files that cannot be read stay as they are (an unreadable one then fails with its own one-line reason).
/// </summary>
internal static class FrameExpander
{
    public static List<BatchInput> Expand(List<BatchInput> inputs)
    {
        var result = new List<BatchInput>(inputs.Count);
        foreach (BatchInput input in inputs)
        {
            int frames = input.Missing ? 1 : FrameCount(input.FullPath);
            if (frames <= 1)
            {
                result.Add(input);
                continue;
            }

            for (int f = 0; f < frames; f++)
            {
                result.Add(input with { Frame = f, Display = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{input.Display} (frame {f})") });
            }
        }

        return result;
    }

    /// <summary>Number of Frames of a DICOM file; 1 for anything else or anything unreadable.</summary>
    private static int FrameCount(string path)
    {
        try
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1))
            {
                Span<byte> head = stackalloc byte[264];
                if (!FileSignature.IsDicom(head[..stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)]))
                {
                    return 1;
                }
            }

            return DicomReader.Read(File.ReadAllBytes(path)).NumberOfFrames;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ImageFormatException)
        {
            return 1;
        }
    }
}
