using System.Net.Http.Json;
using MusicSite.Genres;
using MusicSite.Seeding;
using MusicSite.Tests.Infrastructure;

namespace MusicSite.Tests.Hosting;

/// <summary>Two starts of the site on one data directory, as an operator restarting it would do.</summary>
public sealed class RestartTests : IDisposable
{
    private readonly TempDirectory _data = new("musicsite-restart");

    [Fact]
    public async Task SecondStart_DoesNotReseed_KeepsTheAdmin_AndKeepsTokensValid()
    {
        string token;
        int genres;
        using (var first = Start())
        {
            var client = first.CreateClient();
            var login = await client.LoginAsync("admin@musicsite.test", "Adm1nPassw0rd");
            token = login.GetProperty("accessToken").GetString()!;
            genres = await first.CountAsync<Genre>();
            Assert.True(genres >= 120);
        }

        using var second = Start();
        var again = second.CreateClient();

        Assert.Equal(genres, await second.CountAsync<Genre>());
        Assert.Equal(1, await second.CountAsync<SeedRun>());
        // Data-protection keys live in the data directory, so a token from before the restart still works.
        var me = await again.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/auth/me").WithBearer(token));
        Assert.Equal(200, (int)me.StatusCode);
        var profile = await me.JsonAsync();
        Assert.Contains("Admin", profile.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_data.Path, "keys"), "*.xml"));
    }

    private MusicSiteFactory Start()
    {
        var site = new MusicSiteFactory(_data);
        site.Settings["MUSICSITE_ADMIN_EMAIL"] = "admin@musicsite.test";
        site.Settings["MUSICSITE_ADMIN_PASSWORD"] = "Adm1nPassw0rd";
        return site;
    }

    public void Dispose() => _data.Dispose();
}
