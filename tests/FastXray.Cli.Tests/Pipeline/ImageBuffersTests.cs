using FastXray.Cli.Pipeline;
using Xunit;

namespace FastXray.Cli.Tests.Pipeline;

/// <summary>The per-thread image cache hands back kept images looking like new ones where kernels may read (the padding).</summary>
public sealed class ImageBuffersTests
{
    [Fact]
    public void A_returned_image_is_reused_with_its_padding_zeroed()
    {
        Image<float> first = ImageBuffers.Rent(5, 3);
        Assert.True(first.Stride > first.Width);
        first.Data.Fill(float.NaN);
        ImageBuffers.Return(first);

        Image<float> again = ImageBuffers.Rent(5, 3);
        Assert.Same(first, again);
        for (int y = 0; y < again.Height; y++)
        {
            Assert.All(again.Data.Slice((y * again.Stride) + again.Width, again.Stride - again.Width).ToArray(), v => Assert.Equal(0f, v));
        }

        ImageBuffers.Return(again);
    }

    [Fact]
    public void Other_sizes_get_new_images_and_the_oldest_kept_one_is_evicted()
    {
        var kept = new List<Image<float>>();
        for (int i = 0; i < ImageBuffers.Capacity + 1; i++)
        {
            kept.Add(ImageBuffers.Rent(7 + i, 2));
        }

        Image<float> other = ImageBuffers.Rent(3, 3);
        Assert.DoesNotContain(other, kept);
        foreach (Image<float> image in kept)
        {
            ImageBuffers.Return(image);
        }

        // The first one returned was evicted (disposed) when the cache was full.
        Assert.Throws<ObjectDisposedException>(() => kept[0].Data.Length);
        Assert.Same(kept[^1], ImageBuffers.Rent(7 + ImageBuffers.Capacity, 2));
        other.Dispose();
    }
}
