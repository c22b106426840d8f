using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>tus-js-client in Chromium: an upload cut off mid-way resumes after a reload from where the server stands.</summary>
[Trait("Category", "Slow")]
public sealed class ResumeUploadBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-resume");

    [Fact]
    public async Task InterruptedUpload_ResumesAfterAReload_WithoutSendingTheFirstChunkAgain()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", $"resume-{Guid.NewGuid():N}@example.com");
        await page.FillAsync("#displayName", "Resumer");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Resumer");

        // 60 s of stereo WAV is about 10.6 MB: one 8 MiB chunk, then the rest.
        var audio = MediaFixtures.Audio(_files.Path, "wav", 60);
        var offsets = new List<string>();
        var patches = 0;
        await page.RouteAsync("**/api/uploads/**", async route =>
        {
            if (route.Request.Method == "PATCH")
            {
                offsets.Add(route.Request.Headers.GetValueOrDefault("upload-offset", "?"));
                if (Interlocked.Increment(ref patches) == 2)
                {
                    await route.AbortAsync("connectionreset"); // the connection drops during the second chunk
                    return;
                }
            }
            await route.ContinueAsync();
        });

        await page.GotoAsync("/upload");
        await page.SetInputFilesAsync("#audio", audio);
        await page.FillAsync("#title", "Resumed Upload");
        await page.ClickAsync("button:has-text('Upload')");
        await page.WaitForFunctionAsync("() => document.getElementById('upload-progress').value >= 70");
        await Eventually.True("the second PATCH to be cut off", () => Volatile.Read(ref patches) >= 2);

        // The listener reloads the page and picks the same file again.
        await page.ReloadAsync();
        await page.SetInputFilesAsync("#audio", audio);
        await page.FillAsync("#title", "Resumed Upload");
        await page.ClickAsync("button:has-text('Upload')");

        await page.WaitForURLAsync("**/tracks/*", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Resumed Upload");
        await Assertions.Expect(page.Locator("a[data-play]:has-text('Play')")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        Assert.Equal("0", offsets[0]);
        Assert.Equal((8 * 1024 * 1024).ToString(), offsets[1]);
        // After the reload, no chunk starts at 0 again: the first 8 MiB were not sent twice.
        Assert.DoesNotContain("0", offsets.Skip(2));
        Assert.Contains((8 * 1024 * 1024).ToString(), offsets.Skip(2));
    }

    public void Dispose() => _files.Dispose();
}
