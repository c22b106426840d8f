using System.Net.Http.Headers;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MusicSite.Data;
using MusicSite.Hosting;
using MusicSite.Live;
using MusicSite.Tests.Infrastructure;
using MusicSite.Web.Hosting;

namespace MusicSite.Tests.Hosting;

/// <summary>
/// The page cache (decision 0045) on the real pipeline: what it serves is never private and never older than the last
/// change saved, signed-in visitors never share it, and an anonymous repeat really is served from it.
/// </summary>
public sealed class PageCacheTests(MusicSiteFactory site) : IClassFixture<MusicSiteFactory>
{
    private sealed record Owner(HttpClient Bearer, HttpClient Cookie, string Email);

    private async Task<Owner> OwnerAsync()
    {
        var email = $"cache-{Guid.NewGuid():N}@example.com";
        var bearer = site.CreateClient();
        Assert.Equal(201, (int)(await bearer.RegisterAsync(email, displayName: "Cache Owner", accountType: "Artist")).StatusCode);
        var token = (await bearer.LoginAsync(email)).GetProperty("accessToken").GetString()!;
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return new Owner(bearer, await site.SignedInCookieClientAsync(email, "Passw0rdOk"), email);
    }

    private Task<int> TrackAsync(Owner owner, string title, bool isPublic = true) =>
        TestCatalog.AddReadyTrackAsync(site.Services, title, seconds: 2, isPublic: isPublic, uploaderEmail: owner.Email);

    private static string Unique(string word) => $"{word} {Guid.NewGuid():N}"[..(word.Length + 9)];

    private static bool IsHit(HttpResponseMessage response) =>
        response.Headers.TryGetValues(PageCache.Header, out var values) && values.Contains("hit");

    /// <summary>Changes a title behind the site's back: its own connection, no SaveChanges, nothing the site notices.</summary>
    private async Task RetitleDirectlyAsync(int trackId, string title)
    {
        var path = site.Services.GetRequiredService<IOptions<MusicSiteOptions>>().Value.Paths.Database;
        await using var connection = new SqliteConnection(SqliteDatabase.ConnectionString(path));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE Tracks SET Title = $title WHERE Id = $id";
        command.Parameters.AddWithValue("$title", title);
        command.Parameters.AddWithValue("$id", trackId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task PageCache_AnonymousRepeat_IsServedFromCacheUntilTheSiteSavesAChange()
    {
        var owner = await OwnerAsync();
        var title = Unique("Cached");
        var id = await TrackAsync(owner, title);
        var anonymous = site.CreateClient();

        var first = await anonymous.GetAsync($"/tracks/{id}");
        Assert.False(IsHit(first));
        Assert.Contains(title, await first.Content.ReadAsStringAsync());

        // A change the site did not make is not seen: the page comes from the cache, not from the database.
        var direct = Unique("Direct");
        await RetitleDirectlyAsync(id, direct);
        var second = await anonymous.GetAsync($"/tracks/{id}");
        Assert.True(IsHit(second));
        Assert.Contains(title, await second.Content.ReadAsStringAsync());

        // Any change saved through the site makes every cached page unreachable.
        Assert.Equal(200, (int)(await owner.Bearer.PutAsJsonAsync($"/api/music/tracks/{id}", new { description = "Saved through the site" })).StatusCode);
        var third = await anonymous.GetAsync($"/tracks/{id}");
        Assert.False(IsHit(third));
        Assert.Contains(direct, await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PageCache_TitleEdit_ShowsAtOnceToAnonymousAndToTheAuthor()
    {
        var owner = await OwnerAsync();
        var before = Unique("Before");
        var id = await TrackAsync(owner, before);
        var anonymous = site.CreateClient();
        foreach (var path in new[] { $"/tracks/{id}", "/tracks", "/" })
        {
            await anonymous.GetAsync(path);
            Assert.True(IsHit(await anonymous.GetAsync(path)), $"{path} was not cached");
        }

        var after = Unique("After");
        Assert.Equal(200, (int)(await owner.Bearer.PutAsJsonAsync($"/api/music/tracks/{id}", new { title = after })).StatusCode);

        foreach (var path in new[] { $"/tracks/{id}", "/tracks", "/" })
        {
            var html = await anonymous.GetStringAsync(path);
            Assert.Contains(after, html);
            Assert.DoesNotContain(before, html);
        }
        Assert.Contains(after, await owner.Cookie.GetStringAsync($"/tracks/{id}"));
        Assert.Contains(after, await owner.Bearer.GetStringAsync($"/tracks/{id}"));
    }

    [Fact]
    public async Task PageCache_TrackMadePrivate_IsGoneForAnonymousAtOnce()
    {
        var owner = await OwnerAsync();
        var title = Unique("Going");
        var id = await TrackAsync(owner, title);
        var anonymous = site.CreateClient();
        var search = "/tracks?search=" + Uri.EscapeDataString(title);
        foreach (var path in new[] { $"/tracks/{id}", "/tracks", search })
        {
            Assert.Contains(title, await anonymous.GetStringAsync(path));
            Assert.True(IsHit(await anonymous.GetAsync(path)), $"{path} was not cached");
        }

        Assert.Equal(200, (int)(await owner.Bearer.PutAsJsonAsync($"/api/music/tracks/{id}", new { isPublic = false })).StatusCode);

        Assert.Equal(404, (int)(await anonymous.GetAsync($"/tracks/{id}")).StatusCode);
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/tracks"));
        // The search page repeats what was searched for; the track itself is gone from it.
        Assert.DoesNotContain($"href=\"/tracks/{id}\"", await anonymous.GetStringAsync(search));
    }

    [Fact]
    public async Task PageCache_OwnersViewOfPrivateTrack_IsNeverServedToAnonymous()
    {
        var owner = await OwnerAsync();
        var title = Unique("Private");
        var id = await TrackAsync(owner, title, isPublic: false);

        // The owner sees the private track, twice, and neither answer is stored or served from the cache.
        foreach (var path in new[] { $"/tracks/{id}", "/tracks" })
        {
            var first = await owner.Cookie.GetAsync(path);
            var again = await owner.Cookie.GetAsync(path);
            Assert.Contains(title, await again.Content.ReadAsStringAsync());
            Assert.False(IsHit(first) || IsHit(again), $"the owner's {path} came from the cache");
            Assert.False(IsHit(await owner.Bearer.GetAsync(path)), $"the owner's {path} (bearer) came from the cache");
        }

        var anonymous = site.CreateClient();
        Assert.Equal(404, (int)(await anonymous.GetAsync($"/tracks/{id}")).StatusCode);
        Assert.Equal(404, (int)(await anonymous.GetAsync($"/tracks/{id}")).StatusCode);
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/tracks"));
        Assert.DoesNotContain(title, await anonymous.GetStringAsync("/tracks"));
    }

    [Fact]
    public async Task PageCache_SignedInVisitor_NeverGetsTheAnonymousPage()
    {
        var owner = await OwnerAsync();
        var anonymous = site.CreateClient();
        await anonymous.GetAsync("/");
        Assert.True(IsHit(await anonymous.GetAsync("/")));

        var signedIn = await owner.Cookie.GetAsync("/");
        Assert.False(IsHit(signedIn));
        Assert.Contains("data-testid=\"account-name\"", await signedIn.Content.ReadAsStringAsync());

        // A sign-in cookie that no longer signs in still keeps the visitor out of the cache.
        var stale = new HttpRequestMessage(HttpMethod.Get, "/");
        stale.Headers.Add("Cookie", "musicsite.auth=expired");
        Assert.False(IsHit(await anonymous.SendAsync(stale)));
    }

    public static TheoryData<string> CachedPages => new() { "/", "/tracks", "/tracks?sort=plays", "/albums", "/artists", "/genres", "/blog", "/events", "/events/past" };

    [Theory]
    [MemberData(nameof(CachedPages))]
    public async Task PageCache_AnonymousPage_CarriesNoTokenOrCookie_AndIsCached(string path)
    {
        var anonymous = site.CreateClient();
        var first = await anonymous.GetAsync(path);
        Assert.Equal(200, (int)first.StatusCode);
        Assert.False(first.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
        Assert.DoesNotContain("__RequestVerificationToken", await first.Content.ReadAsStringAsync());
        var second = await anonymous.GetAsync(path);
        Assert.True(IsHit(second), $"{path} was not served from the cache");
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.StartsWith("default-src 'self'", second.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task PageCache_TrackAndArtistPages_CarryNoTokenOrCookie_AndAreCached()
    {
        var owner = await OwnerAsync();
        var id = await TrackAsync(owner, Unique("Detail"));
        var anonymous = site.CreateClient();
        var track = await anonymous.GetAsync($"/tracks/{id}");
        var html = await track.Content.ReadAsStringAsync();
        var artist = new HtmlParser().ParseDocument(html).QuerySelector(".lede a")?.GetAttribute("href");
        Assert.NotNull(artist);
        foreach (var path in new[] { $"/tracks/{id}", artist })
        {
            var first = await anonymous.GetAsync(path);
            Assert.Equal(200, (int)first.StatusCode);
            Assert.False(first.Headers.Contains("Set-Cookie"), $"{path} set a cookie");
            Assert.DoesNotContain("__RequestVerificationToken", await first.Content.ReadAsStringAsync());
            Assert.True(IsHit(await anonymous.GetAsync(path)), $"{path} was not served from the cache");
        }
    }

    [Fact]
    public async Task PageCache_EventPages_VaryByTheVisitorsZoneCookie()
    {
        var anonymous = site.CreateClient();
        var berlin = new HttpRequestMessage(HttpMethod.Get, "/events");
        berlin.Headers.Add("Cookie", "tz=Europe/Berlin");
        await anonymous.SendAsync(berlin);
        var newYork = new HttpRequestMessage(HttpMethod.Get, "/events");
        newYork.Headers.Add("Cookie", "tz=America/New_York");
        Assert.False(IsHit(await anonymous.SendAsync(newYork)));
        var berlinAgain = new HttpRequestMessage(HttpMethod.Get, "/events");
        berlinAgain.Headers.Add("Cookie", "tz=Europe/Berlin");
        Assert.True(IsHit(await anonymous.SendAsync(berlinAgain)));
    }

    [Fact]
    public async Task PageCache_HtmxRequest_IsKeptApartFromTheFullPage()
    {
        var anonymous = site.CreateClient();
        var path = "/tracks?search=" + Guid.NewGuid().ToString("N")[..6];
        await anonymous.GetAsync(path);
        var htmx = new HttpRequestMessage(HttpMethod.Get, path);
        htmx.Headers.Add("HX-Request", "true");
        var answer = await anonymous.SendAsync(htmx);
        Assert.False(IsHit(answer));
        Assert.True(answer.Headers.Contains("HX-Push-Url"));
        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.Add("HX-Request", "true");
        var cached = await anonymous.SendAsync(again);
        Assert.True(IsHit(cached));
        Assert.True(cached.Headers.Contains("HX-Push-Url"));
    }

    [Fact]
    public async Task PageCache_Api_IsNeverCached()
    {
        var anonymous = site.CreateClient();
        await anonymous.GetAsync("/api/music/tracks");
        Assert.False(IsHit(await anonymous.GetAsync("/api/music/tracks")));
    }

    [Fact]
    public async Task ContentVersion_MovesOnBulkStatementsAndCommits_NotOnBookkeeping()
    {
        var owner = await OwnerAsync();
        var id = await TrackAsync(owner, Unique("Bulk"));
        var version = site.Services.GetRequiredService<ContentVersion>();

        // Bookkeeping: a play count (pages may show it a little behind) and rows no page shows.
        var before = version.Current;
        await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.PlayCount, t => t.PlayCount + 1)));
        await site.WithDbAsync(db => db.Notifications.Where(n => n.Id < 0).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, DateTime.UtcNow)));
        await site.WithDbAsync(db => db.JobRuns.Where(r => r.Id < 0).ExecuteDeleteAsync());
        Assert.Equal(before, version.Current);

        await site.WithDbAsync(db => db.Tracks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "Bulk retitled")));
        Assert.True(version.Current > before);

        // Inside a transaction the version moves again at the commit, after which the new rows are what others read.
        await site.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Tracks.Where(t => t.Id == id).ExecuteUpdateAsync(s => s.SetProperty(t => t.Title, "In a transaction"));
            var written = version.Current;
            await transaction.CommitAsync();
            Assert.True(version.Current > written);
            return 0;
        });
    }

    [Fact]
    public async Task PageCache_SwitchedOff_NeverServesFromCache()
    {
        using var off = new MusicSiteFactory();
        off.Settings["OutputCache:Enabled"] = "false";
        var anonymous = off.CreateClient();
        await anonymous.GetAsync("/tracks");
        var again = await anonymous.GetAsync("/tracks");
        Assert.Equal(200, (int)again.StatusCode);
        Assert.False(IsHit(again));
    }
}
