using System.Buffers.Binary;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Screenshots;

/// <summary>
/// Where the browser tests' screenshots go: always .test-output/screenshots/, and docs/screenshots/ (which the README
/// shows) when MUSICSITE_UPDATE_SCREENSHOTS=1, so refreshing the README's pictures is one test run.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "MUSICSITE_UPDATE_SCREENSHOTS";

    public static bool UpdatesDocs => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Waits until the fonts and the images in view have loaded, then saves the viewport as
    /// <paramref name="name"/>.png; returns the PNG's width and height.</summary>
    public static async Task<(int Width, int Height)> SaveAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => document.fonts.ready.then(() => 0)");
        await page.WaitForFunctionAsync(
            "() => [...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete)");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Animations = ScreenshotAnimations.Disabled, Caret = ScreenshotCaret.Hide });

        await File.WriteAllBytesAsync(Path.Combine(RepositoryPaths.TestOutput("screenshots"), name + ".png"), png);
        if (UpdatesDocs)
        {
            var docs = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), png);
        }
        return Size(png);
    }

    /// <summary>A PNG's size, from its IHDR chunk (bytes 16–23, big-endian), after checking the signature.</summary>
    private static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 24 && png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            "the screenshot is not a PNG");
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
