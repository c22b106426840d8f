using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Browser;

/// <summary>
/// Covers in Chromium under the site's policy: every list row and card shows an image that loaded (uploaded
/// JPEG or generated SVG) at desktop and phone sizes in both themes, no image request fails, two generated
/// covers differ in their pixels, and the owner changes and removes artwork through the edit form.
/// </summary>
[Trait("Category", "Slow")]
public sealed class ArtworkBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private readonly TempDirectory _files = new("musicsite-artwork-browser");

    private sealed record Catalog(int NightDrive, int MorningTea, int Framed, int CoverlessAlbum, int FramedAlbum);

    [Fact]
    public async Task Lists_OnDesktopAndPhone_InBothThemes_ShowACoverInEveryRow_AndNoImageFails()
    {
        var catalog = await AddCatalogAsync("Lists");
        // The album without tracks has no list: only its large cover.
        var pages = new[] { ("/tracks", true), ("/albums", true), ($"/tracks/{catalog.NightDrive}", true), ($"/albums/{catalog.CoverlessAlbum}", false),
            ($"/albums/{catalog.FramedAlbum}", true) };
        foreach (var (width, height, scheme) in new[] { (1366, 900, ColorScheme.Light), (390, 844, ColorScheme.Dark), (1366, 900, ColorScheme.Dark), (390, 844, ColorScheme.Light) })
        {
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = browser.BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = scheme,
            });
            context.SetDefaultTimeout(30_000);
            var page = await context.NewPageAsync();
            var failures = new List<string>();
            page.Response += (_, response) =>
            {
                if (response.Request.ResourceType == "image" && response.Status >= 400)
                {
                    failures.Add($"{response.Status} {response.Url}");
                }
            };
            page.RequestFailed += (_, request) => failures.Add($"failed {request.Url}");
            await page.AddInitScriptAsync("""
                window.__violations = [];
                document.addEventListener("securitypolicyviolation", e => window.__violations.push(e.violatedDirective + " " + e.blockedURI));
                """);

            foreach (var (path, listsRows) in pages)
            {
                await page.GotoAsync(path);
                var rows = page.Locator("main .track-list li, main article.album-card");
                Assert.True(await rows.CountAsync() > 0 == listsRows, $"{path} lists {await rows.CountAsync()} rows");
                // Lazy images load as they come into view: bring each row there, as a listener scrolling would.
                for (var i = 0; i < await rows.CountAsync(); i++)
                {
                    await rows.Nth(i).ScrollIntoViewIfNeededAsync();
                }
                await page.WaitForFunctionAsync("""
                    () => [...document.querySelectorAll("main img.cover")].every(img => img.complete)
                    """);
                Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('main img.cover')].every(img => img.naturalWidth > 0)"),
                    $"{path}: a cover did not load");
                var missing = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll("main .track-list li, main article.album-card")]
                      .filter(row => { const img = row.querySelector("img.cover"); return !img || img.naturalWidth === 0; })
                      .map(row => row.textContent.trim().slice(0, 40))
                    """);
                Assert.True(missing.Length == 0, $"{path} at {width}x{height} {scheme}: no cover in {string.Join(" | ", missing)}");
                var square = await page.EvaluateAsync<bool>("""
                    () => [...document.querySelectorAll("main img.cover")].every(img => {
                      const r = img.getBoundingClientRect(); return r.width > 0 && Math.abs(r.width - r.height) < 1; })
                    """);
                Assert.True(square, $"{path} at {width}x{height}: a cover is not square");
            }
            await Assertions.Expect(page.Locator("main img.cover-large")).ToHaveAttributeAsync("alt", "Cover of Framed Album");
            Assert.Empty(failures);
            Assert.Empty(await page.EvaluateAsync<string[]>("() => window.__violations"));
        }
    }

    [Fact]
    public async Task GeneratedCovers_OfTwoTitles_DifferInMostPixels()
    {
        var catalog = await AddCatalogAsync("Pixels");
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/tracks");

        var night = await page.Locator($"li[data-track-id='{catalog.NightDrive}'] img.cover").GetAttributeAsync("src");
        var morning = await page.Locator($"li[data-track-id='{catalog.MorningTea}'] img.cover").GetAttributeAsync("src");
        // Both drawn at 64x64 on a canvas; a pixel differs when a channel is off by more than 48 of 255.
        var differing = await page.EvaluateAsync<double>("""
            async ([a, b]) => {
              const pixels = async src => {
                const img = new Image(); img.src = src; await img.decode();
                const canvas = document.createElement("canvas"); canvas.width = canvas.height = 64;
                const ctx = canvas.getContext("2d"); ctx.drawImage(img, 0, 0, 64, 64);
                return ctx.getImageData(0, 0, 64, 64).data;
              };
              const [x, y] = [await pixels(a), await pixels(b)];
              let differ = 0;
              for (let i = 0; i < x.length; i += 4) {
                if (Math.abs(x[i] - y[i]) > 48 || Math.abs(x[i + 1] - y[i + 1]) > 48 || Math.abs(x[i + 2] - y[i + 2]) > 48) differ++;
              }
              return differ / (x.length / 4);
            }
            """, new[] { night, morning });

        Assert.True(differing > 0.5, $"only {differing:P0} of the pixels differ");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Owner_ReplacesAndRemovesArtwork_ThroughTheEditForm(bool javaScript)
    {
        var page = await browser.NewPageAsync(javaScript);
        var email = $"cover-form-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/account/register");
        await page.FillAsync("#email", email);
        await page.FillAsync("#displayName", "Form Artist");
        await page.FillAsync("#password", "Passw0rdOk");
        await page.CheckAsync("input[type=radio][value=Artist]");
        await page.ClickAsync("button[type=submit]");
        await Assertions.Expect(page.Locator("[data-testid=account-name]")).ToHaveTextAsync("Form Artist");
        var id = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Form Cover", seconds: 3, uploaderEmail: email);

        await page.GotoAsync($"/tracks/{id}/edit");
        var cover = page.Locator("img.cover-medium");
        await Assertions.Expect(cover).ToHaveAttributeAsync("alt", "Generated cover of Form Cover");
        await Assertions.Expect(page.Locator("button:has-text('Remove artwork')")).ToHaveCountAsync(0);

        // A file that is not an image: a message at the field, nothing changed.
        await page.SetInputFilesAsync("#artwork", MediaFixtures.Text(_files.Path, "notes.png", "not an image"));
        await page.ClickAsync("button:has-text('Replace artwork')");
        await Assertions.Expect(page.Locator("#artwork-error")).ToContainTextAsync("JPEG, PNG or WebP", new() { Timeout = 60_000 });
        await Assertions.Expect(cover).ToHaveAttributeAsync("alt", "Generated cover of Form Cover");

        await page.SetInputFilesAsync("#artwork", MediaFixtures.Image(_files.Path, "png", 800, 600));
        await page.ClickAsync("button:has-text('Replace artwork')");
        // ffmpeg makes both sizes before the answer; shared test machines can be slow at it.
        await Assertions.Expect(page.Locator("[data-testid=artwork-saved]")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(cover).ToHaveAttributeAsync("alt", "Current cover of Form Cover");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.cover-medium'); return i.complete && i.naturalWidth === 600; }");
        await page.GotoAsync($"/tracks/{id}");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.cover-large'); return i.complete && i.naturalWidth === 600; }");

        await page.GotoAsync($"/tracks/{id}/edit");
        await page.ClickAsync("button:has-text('Remove artwork')");
        await Assertions.Expect(page.Locator("[data-testid=artwork-saved]")).ToBeVisibleAsync();
        await Assertions.Expect(cover).ToHaveAttributeAsync("alt", "Generated cover of Form Cover");
        await page.WaitForFunctionAsync("() => { const i = document.querySelector('img.cover-medium'); return i.complete && i.naturalWidth > 0; }");
    }

    /// <summary>Two tracks and an album without artwork, a track and an album with it, all by one artist.</summary>
    private async Task<Catalog> AddCatalogAsync(string prefix)
    {
        var client = browser.Site.CreateClient();
        var email = $"covers-{Guid.NewGuid():N}@example.com";
        Assert.Equal(201, (int)(await client.RegisterAsync(email, displayName: "Cover Artist", accountType: "Artist")).StatusCode);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await client.LoginAsync(email)).GetProperty("accessToken").GetString()!);

        var night = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Night Drive", seconds: 3, uploaderEmail: email);
        var morning = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, "Morning Tea", seconds: 3, uploaderEmail: email);
        var framed = await TestCatalog.AddReadyTrackAsync(browser.Site.Services, $"{prefix} Framed Track", seconds: 3, uploaderEmail: email);
        Assert.Equal(200, (int)(await client.PutAsync($"/api/music/tracks/{framed}/artwork", ImageForm(MediaFixtures.Image(_files.Path, "png", 640, 640)))).StatusCode);

        var coverless = await client.PostAsync("/api/music/albums", new MultipartFormDataContent { { new StringContent($"{prefix} Coverless"), "title" } });
        var withArt = new MultipartFormDataContent { { new StringContent("Framed Album"), "title" } };
        withArt.Add(new StreamContent(File.OpenRead(MediaFixtures.Image(_files.Path, "jpg", 500, 500))), "artwork", "cover.jpg");
        var framedAlbum = await client.PostAsync("/api/music/albums", withArt);
        var albumId = (await framedAlbum.JsonAsync()).GetProperty("id").GetInt32();
        Assert.Equal(200, (int)(await client.PutAsJsonAsync($"/api/music/tracks/{framed}", new { albumId = albumId.ToString() })).StatusCode);
        return new Catalog(night, morning, framed, (await coverless.JsonAsync()).GetProperty("id").GetInt32(), albumId);
    }

    private static MultipartFormDataContent ImageForm(string path) =>
        new() { { new StreamContent(File.OpenRead(path)), "artwork", Path.GetFileName(path) } };

    public void Dispose() => _files.Dispose();
}
