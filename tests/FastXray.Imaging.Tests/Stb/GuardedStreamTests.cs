using FastXray.Imaging.Stb;
using StbImageSharp;
using Xunit;

namespace FastXray.Imaging.Tests.Stb;

/// <summary>The seek-clamping stream, and the StbImageSharp behaviours it exists for.</summary>
public sealed class GuardedStreamTests
{
    [Fact]
    public unsafe void SeeksClampToTheDataAndPastEndIsRecorded()
    {
        byte[] data = [1, 2, 3, 4];
        fixed (byte* p = data)
        {
            using var s = new GuardedStream(p, data.Length);
            Assert.Equal(0, s.Seek(-10, SeekOrigin.Begin));
            Assert.False(s.WentPastEnd);
            Assert.Equal(4, s.Seek(4, SeekOrigin.Begin)); // the end itself is fine
            Assert.False(s.WentPastEnd);
            s.Position = 2;
            var buffer = new byte[2];
            Assert.Equal(2, s.Read(buffer, 0, 2));
            Assert.Equal([3, 4], buffer);
            Assert.False(s.WentPastEnd);
            Assert.Equal(4, s.Seek(100, SeekOrigin.Current));
            Assert.True(s.WentPastEnd);
        }

        fixed (byte* p = data)
        {
            using var s = new GuardedStream(p, data.Length);
            var buffer = new byte[8];
            Assert.Equal(4, s.Read(buffer, 0, 8));
            Assert.True(s.WentPastEnd);
        }

        fixed (byte* p = data)
        {
            using var s = new GuardedStream(p, data.Length);
            s.Position = 3;
            Assert.Equal(4, s.ReadByte());
            Assert.False(s.WentPastEnd);
            Assert.Equal(-1, s.ReadByte());
            Assert.True(s.WentPastEnd);
        }
    }

    /// <summary>
    /// JPEGs cut to 10-15 bytes made StbImageSharp loop forever over a MemoryStream (measured); over the
    /// clamping stream the raw decoder returns, and the stream has seen the end.
    /// </summary>
    [Fact]
    public void ShortJpegReturnsFromStbOverTheClampingStream()
    {
        byte[] full = StbTestFiles.Bytes("rgb_67x45_420.jpg");
        for (int n = 10; n <= 15; n++)
        {
            byte[] cut = full[..n];
            (bool threw, bool pastEnd) = RawStb(cut);
            Assert.True(threw, $"{n} bytes decoded");
            Assert.True(pastEnd);
        }
    }

    /// <summary>
    /// A BMP cut to 30 bytes and a progressive JPEG cut in half "decode" in StbImageSharp (zero-filled where
    /// the data ran out); only the stream's past-end record tells them from a whole file.
    /// </summary>
    [Theory]
    [InlineData("gray_67x45_pal8.bmp", 30)]
    [InlineData("rgb_128x96_24.bmp", 30)]
    [InlineData("rgb_128x96_progressive.jpg", -2)]
    [InlineData("gray_128x96_raw.tga", 20)]
    public void StbAloneAcceptsTruncatedFilesButTheStreamNotices(string name, int length)
    {
        byte[] full = StbTestFiles.Bytes(name);
        byte[] cut = full[..(length < 0 ? full.Length / -length : length)];
        (bool threw, bool pastEnd) = RawStb(cut);
        Assert.False(threw, "StbImageSharp rejected it by itself");
        Assert.True(pastEnd);
        var e = StbTestFiles.AssertRejected(cut, StbTestFiles.ContainerOf(name), $"{name} cut to {cut.Length}");
        Assert.StartsWith("truncated: ", e.Message);
    }

    [Theory]
    [MemberData(nameof(StbGoldenTests.Names), MemberType = typeof(StbGoldenTests))]
    public void WholeGoldenFilesNeverTripThePastEndRecord(string name)
    {
        byte[] data = StbTestFiles.Bytes(name);
        if (StbTestFiles.ContainerOf(name) == FastXray.Imaging.Formats.ImageContainer.Hdr)
        {
            return; // decoded through ImageResultFloat; covered by StbGoldenTests.DecodeMatchesReference
        }

        (bool threw, bool pastEnd) = RawStb(data);
        Assert.False(threw);
        Assert.False(pastEnd);
    }

    /// <summary>StbImageSharp directly over the clamping stream (no structure check), under the hang detector.</summary>
    private static unsafe (bool Threw, bool PastEnd) RawStb(byte[] data)
    {
        bool threw = false, pastEnd = false;
        var task = Task.Factory.StartNew(
            () =>
            {
                fixed (byte* p = data)
                {
                    using var s = new GuardedStream(p, data.Length);
                    try
                    {
                        ImageResult.FromStream(s, ColorComponents.Default);
                    }
                    catch (InvalidOperationException)
                    {
                        threw = true;
                    }

                    pastEnd = s.WentPastEnd;
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        Assert.True(task.Wait(TimeSpan.FromSeconds(60)), "StbImageSharp did not return (hang)");
        return (threw, pastEnd);
    }
}
