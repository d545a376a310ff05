using FastXray.Imaging.Formats;
using FastXray.Imaging.Npy;
using FastXray.Imaging.Stb;
using FastXray.Tests;
using Xunit;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>One line of Reference/stb/manifest.txt (written by tools/fixtures/stb.py).</summary>
public sealed record StbCase(string File, string Reference, string Kind, string Colour, string Detail, int Width, int Height)
{
    public override string ToString() => File;
}

/// <summary>The golden files, their references, and a hang detector for decoding hostile input.</summary>
internal static class StbTestFiles
{
    public static string Dir => TestData.Reference("FastXray.Imaging.Tests", "stb");

    public static IReadOnlyList<StbCase> Cases { get; } = Load();

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (StbCase c in Cases)
        {
            data.Add(c.File);
        }

        return data;
    }

    public static StbCase Case(string name) => Cases.Single(c => c.File == name);

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    public static NpyArray ReferenceOf(StbCase c) => NpyFile.Read(Path.Combine(Dir, c.Reference));

    public static ImageContainer ContainerOf(string name) => Path.GetExtension(name) switch
    {
        ".jpg" => ImageContainer.Jpeg,
        ".bmp" => ImageContainer.Bmp,
        ".tga" => ImageContainer.Tga,
        ".psd" => ImageContainer.Psd,
        ".hdr" => ImageContainer.Hdr,
        _ => throw new ArgumentException(name),
    };

    /// <summary>
    /// Decodes on a worker thread and waits a generous minute: only a hang detector (a decode that never
    /// returns fails the test instead of stalling the run), never a speed assertion. Returns the image, or the
    /// exception the decode threw.
    /// </summary>
    public static (GrayImage? Image, Exception? Error) DecodeGuarded(byte[] data, ImageContainer container, DecodeLimits? limits = null)
    {
        (GrayImage? image, Exception? error, _) = DecodeMeasured(data, container, limits);
        return (image, error);
    }

    /// <summary>As <see cref="DecodeGuarded"/>, with the managed bytes the worker thread allocated during the decode.</summary>
    public static (GrayImage? Image, Exception? Error, long Allocated) DecodeMeasured(byte[] data, ImageContainer container, DecodeLimits? limits = null)
    {
        GrayImage? image = null;
        Exception? error = null;
        long allocated = 0;
        var task = Task.Factory.StartNew(
            () =>
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                try
                {
                    image = StbReader.Decode(data, container, limits);
                }
                catch (Exception e)
                {
                    error = e;
                }

                allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), $"decode of {data.Length} bytes as {container} did not return (hang)");
        return (image, error, allocated);
    }

    /// <summary>Asserts a hostile input ends in an <see cref="ImageFormatException"/> with a one-line message.</summary>
    public static ImageFormatException AssertRejected(byte[] data, ImageContainer container, string what)
    {
        (GrayImage? image, Exception? error) = DecodeGuarded(data, container);
        Assert.True(image == null, $"{what}: decoded to a {image?.Width}x{image?.Height} image instead of failing");
        var e = Assert.IsType<ImageFormatException>(error);
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
        return e;
    }

    private static List<StbCase> Load()
    {
        var list = new List<StbCase>();
        foreach (string line in File.ReadAllLines(Path.Combine(Dir, "manifest.txt")))
        {
            if (line.Length == 0)
            {
                continue;
            }

            string[] f = line.Split(' ');
            list.Add(new StbCase(f[0], f[1], f[2], f[3], f[4] == "-" ? "" : f[4], int.Parse(f[5]), int.Parse(f[6])));
        }

        return list;
    }
}
